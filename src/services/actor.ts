import { ROLES, type RoleCode } from '../domain/roles';

/** Who is acting: a signed-in user, or the system itself (CLI, scheduled batch). */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  username: string;
  displayName: string;
  role: RoleCode | null;
  teamId: string | null;
  agencyId: string | null;
  /** For collectors: whether their team lets them see every case of the team. */
  collectorScope: 'own' | 'team';
  requestId?: string;
}

export function systemActor(name = 'system'): Actor {
  return {
    kind: 'system',
    userId: null,
    username: name,
    displayName: name,
    role: null,
    teamId: null,
    agencyId: null,
    collectorScope: 'own',
  };
}

export function roleNameOf(actor: Actor): string {
  return actor.role ? ROLES[actor.role].nameZh : actor.displayName;
}
