/**
 * Roles and what each may do. Pure data: the API and services ask `can(role, permission)` and
 * `caseScopeOf(...)`; the roles table is synchronised from this catalogue at start-up.
 */

export const ROLE_CODES = [
  'admin',
  'manager',
  'team_lead',
  'collector',
  'qa',
  'trainer',
  'trainee',
  'agency',
  'legal',
  'auditor',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export const PERMISSIONS = [
  'cases.read',
  'payments.post',
  'promises.create',
  'batch.run',
  'contacts.create',
  'imports.create',
  'imports.read',
  'portfolios.manage',
  'users.read',
  'audit.read',
  'pii.reveal.phone',
  'pii.reveal.address',
  'pii.reveal.idNumber',
  'qa.read',
  'qa.upload',
  'qa.review',
  'templates.read',
  'templates.write',
  'templates.publish',
  /** Ask for a waiver or settlement (减免/和解) on a case in scope; never approve one's own. */
  'waivers.request',
  /**
   * Approve or reject a step of a waiver chain. The step's role decides who: team_lead for the team
   * lead level; manager for the manager level and for the risk committee (风险管理委员会) level, which
   * has no user role of its own: a manager signs for the committee, and since one person approves at
   * most one step, that is a second manager after the one who approved the manager level. The
   * administrator is deliberately left out (running the system is not deciding about money).
   */
  'waivers.approve',
  /** Release a complaint or dispute (lift the contact freeze) with a note. */
  'complaints.release',
  /** Edit and activate a portfolio's collection strategy (segments → plans, escalations). */
  'strategy.manage',
  /** Reassign cases in scope to another collector or team, with a reason. */
  'cases.assign',
  /** Set a portfolio's assignment rules; place cases with an agency and recall them. */
  'placements.manage',
  /** Tag a case in scope: the debtor's personality type and risk signals. */
  'cases.tag',
  /** Override a case's delinquency class (四类), with a reason. */
  'cases.classify',
  /** See the SMS outbox and what happened to each message. */
  'sms.read',
  /** Run the SMS dispatcher (each message through the contact gate, then the gateway). */
  'sms.dispatch',
  /** Practise in the training simulator (role-play calls, the knowledge quiz) and see one's own progress. */
  'training.practice',
  /** Run training: cohorts, scenario assignments, every trainee's transcripts and the leaderboard. */
  'training.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface RoleDefinition {
  code: RoleCode;
  nameZh: string;
  nameEn: string;
  permissions: readonly Permission[];
  /**
   * Which cases the role sees: every case, its team's, its own (or its team's when the team is set so),
   * its agency's placements, or none (training roles work on synthetic cases only).
   */
  caseScope: 'all' | 'team' | 'collector' | 'agency' | 'none';
  /**
   * Which inspected calls (质检) the role sees with `qa.read`: every call, its team's, only the calls it
   * made itself, or its agency's.
   */
  qaScope: 'all' | 'team' | 'own' | 'agency' | 'none';
}

export const ROLES: Record<RoleCode, RoleDefinition> = {
  admin: {
    code: 'admin',
    nameZh: '系统管理员',
    nameEn: 'Administrator',
    permissions: [
      'sms.read',
      'sms.dispatch',
      'batch.run',
      'cases.read',
      'payments.post',
      'imports.create',
      'imports.read',
      'portfolios.manage',
      'users.read',
      'audit.read',
      'templates.read',
      'templates.publish',
    ],
    caseScope: 'all',
    qaScope: 'none',
  },
  manager: {
    code: 'manager',
    nameZh: '催收经理',
    nameEn: 'Collections manager',
    permissions: [
      'strategy.manage',
      'cases.assign',
      'placements.manage',
      'cases.tag',
      'cases.classify',
      'sms.read',
      'sms.dispatch',
      'batch.run',
      'cases.read',
      'promises.create',
      'payments.post',
      'contacts.create',
      'imports.create',
      'imports.read',
      'portfolios.manage',
      'users.read',
      'audit.read',
      'pii.reveal.phone',
      'pii.reveal.address',
      'pii.reveal.idNumber',
      'qa.read',
      'qa.upload',
      'templates.read',
      'templates.write',
      'templates.publish',
      'waivers.approve',
      'complaints.release',
      'training.manage',
    ],
    caseScope: 'all',
    qaScope: 'all',
  },
  team_lead: {
    code: 'team_lead',
    nameZh: '催收组长',
    nameEn: 'Team lead',
    permissions: [
      'cases.assign',
      'cases.tag',
      'cases.classify',
      'sms.read',
      'cases.read',
      'promises.create',
      'contacts.create',
      'users.read',
      'pii.reveal.phone',
      'pii.reveal.address',
      'qa.read',
      'templates.read',
      'templates.write',
      'templates.publish',
      'waivers.request',
      'waivers.approve',
      'complaints.release',
      'training.practice',
    ],
    caseScope: 'team',
    qaScope: 'team',
  },
  collector: {
    code: 'collector',
    nameZh: '催收员',
    nameEn: 'Collector',
    permissions: [
      'cases.tag',
      'cases.read',
      'promises.create',
      'contacts.create',
      'pii.reveal.phone',
      'qa.read',
      'templates.read',
      'templates.write',
      'waivers.request',
      'training.practice',
    ],
    caseScope: 'collector',
    qaScope: 'own',
  },
  qa: {
    code: 'qa',
    nameZh: '质检员',
    nameEn: 'QA inspector',
    permissions: [
      'cases.read',
      'users.read',
      'qa.read',
      'qa.upload',
      'qa.review',
      'templates.read',
      'templates.write',
      'templates.publish',
      'complaints.release',
    ],
    caseScope: 'all',
    qaScope: 'all',
  },
  trainer: {
    code: 'trainer',
    nameZh: '培训师',
    nameEn: 'Trainer',
    permissions: ['templates.read', 'templates.write', 'training.practice', 'training.manage'],
    caseScope: 'none',
    qaScope: 'none',
  },
  trainee: {
    code: 'trainee',
    nameZh: '学员',
    nameEn: 'Trainee',
    permissions: ['templates.read', 'training.practice'],
    caseScope: 'none',
    qaScope: 'none',
  },
  agency: {
    code: 'agency',
    nameZh: '委外机构',
    nameEn: 'Outside agency',
    permissions: [
      'cases.read',
      'promises.create',
      'contacts.create',
      'pii.reveal.phone',
      'pii.reveal.address',
      'qa.read',
      'templates.read',
      'waivers.request',
    ],
    caseScope: 'agency',
    qaScope: 'agency',
  },
  legal: {
    code: 'legal',
    nameZh: '法务',
    nameEn: 'Legal',
    permissions: [
      'cases.read',
      'imports.read',
      'pii.reveal.phone',
      'pii.reveal.address',
      'pii.reveal.idNumber',
      'templates.read',
    ],
    caseScope: 'all',
    qaScope: 'none',
  },
  auditor: {
    code: 'auditor',
    nameZh: '审计员',
    nameEn: 'Auditor',
    permissions: ['cases.read', 'imports.read', 'audit.read', 'qa.read', 'templates.read'],
    caseScope: 'all',
    qaScope: 'all',
  },
};

export function isRoleCode(value: string): value is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(value);
}

export function can(role: RoleCode, permission: Permission): boolean {
  return ROLES[role].permissions.includes(permission);
}

export type PersonalField = 'idNumber' | 'phone' | 'address' | 'contactPhone';

/** The permission that reveals a personal-data field; a contact's phone is a phone. */
export function revealPermission(field: PersonalField): Permission {
  switch (field) {
    case 'idNumber':
      return 'pii.reveal.idNumber';
    case 'address':
      return 'pii.reveal.address';
    default:
      return 'pii.reveal.phone';
  }
}
