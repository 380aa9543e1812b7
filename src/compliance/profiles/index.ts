import { cnCbaProfile } from './cn-cba';
import type { ContactProfile } from './types';
import { usRegFProfile } from './us-regf';

export { cnCbaProfile } from './cn-cba';
export {
  applyHouseOverrides,
  formatMinute,
  type HouseOverrides,
  type OverrideProblem,
  type OverrideProblemCode,
  type OverrideResult,
} from './overrides';
export type * from './types';
export { CONTACT_CHANNELS } from './types';
export { usRegFProfile } from './us-regf';

export type ProfileId = 'cn-cba' | 'us-regf';

export const contactProfiles: Readonly<Record<ProfileId, ContactProfile>> = {
  'cn-cba': cnCbaProfile,
  'us-regf': usRegFProfile,
};

/** The profile with this id, or undefined for an unknown id. */
export function findProfile(id: string): ContactProfile | undefined {
  return Object.hasOwn(contactProfiles, id) ? contactProfiles[id as ProfileId] : undefined;
}
