/**
 * The case ledger. One schema for PGlite and PostgreSQL; drizzle-kit turns it into the plain-SQL
 * migrations in ./migrations, which are committed and run unchanged on both engines.
 * Money is integer fen (BIGINT); dates of business events are DATE; moments are TIMESTAMPTZ.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const fen = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

export const roles = pgTable('roles', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: jsonb('permissions').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
});

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().default(sql`uuid_v7()`),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** What a collector of this team sees: only cases assigned to them, or every case of the team. */
  collectorScope: text('collector_scope').$type<'own' | 'team'>().notNull().default('own'),
  /** Open cases a collector of this team can carry; assignment balances against it. */
  caseCapacityPerCollector: integer('case_capacity_per_collector').notNull().default(800),
  createdAt: createdAt(),
});

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().default(sql`uuid_v7()`),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role')
      .notNull()
      .references(() => roles.code),
    teamId: uuid('team_id').references(() => teams.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    locale: text('locale').$type<'zh-CN' | 'en'>().notNull().default('zh-CN'),
    active: boolean('active').notNull().default(true),
    /** Open cases this collector can carry; null = the team's capacity per collector. */
    caseCapacity: integer('case_capacity'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('users_team_idx').on(t.teamId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export interface BucketRangeConfig {
  code: string;
  /** Inclusive lower bound in days past due. */
  minDays: number;
  /** Inclusive upper bound; null means open-ended. */
  maxDays: number | null;
}

export const portfolios = pgTable('portfolios', {
  id: uuid('id').primaryKey().default(sql`uuid_v7()`),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  creditor: text('creditor').notNull().default(''),
  productLine: text('product_line').notNull().default('credit_card'),
  bucketConfig: jsonb('bucket_config').$type<BucketRangeConfig[]>().notNull(),
  complianceProfile: text('compliance_profile').notNull().default('cn-cba'),
  /** The portfolio's house rules on top of its profile (stricter only; see compliance/profiles/overrides). */
  houseOverrides: jsonb('house_overrides').$type<Record<string, unknown>>(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  /** The order payments pay off the components (fees, penalty, interest, principal); null = that default. */
  allocationOrder: jsonb('allocation_order').$type<string[]>(),
  /** How new and returning cases are given to collectors (services/assignment); null = the defaults. */
  assignmentRules: jsonb('assignment_rules').$type<Record<string, unknown>>(),
  /** Only certified collectors may hold live cases and place contacts here (training certification). */
  requireCertification: boolean('require_certification').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const debtors = pgTable(
  'debtors',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    /** PRC resident identity number (18 characters, checksum validated on the way in). */
    idNumber: text('id_number').notNull().unique(),
    name: text('name').notNull(),
    gender: text('gender').$type<'M' | 'F'>(),
    birthDate: date('birth_date', { mode: 'string' }),
    employer: text('employer'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('debtors_name_prefix_idx').on(t.name.op('text_pattern_ops'))],
);

export const debtorPhones = pgTable(
  'debtor_phones',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    debtorId: uuid('debtor_id')
      .notNull()
      .references(() => debtors.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    type: text('type').$type<'mobile' | 'home' | 'work' | 'other'>().notNull().default('mobile'),
    validity: text('validity').$type<'unverified' | 'valid' | 'invalid'>().notNull().default('unverified'),
    source: text('source').notNull().default('import'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('debtor_phones_debtor_number_uq').on(t.debtorId, t.number),
    index('debtor_phones_number_idx').on(t.number),
  ],
);

export const debtorAddresses = pgTable(
  'debtor_addresses',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    debtorId: uuid('debtor_id')
      .notNull()
      .references(() => debtors.id, { onDelete: 'cascade' }),
    kind: text('kind')
      .$type<'home' | 'work' | 'registered' | 'mailing' | 'other'>()
      .notNull()
      .default('home'),
    address: text('address').notNull(),
    validity: text('validity').$type<'unverified' | 'valid' | 'invalid'>().notNull().default('unverified'),
    source: text('source').notNull().default('import'),
    createdAt: createdAt(),
  },
  (t) => [unique('debtor_addresses_debtor_address_uq').on(t.debtorId, t.address)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    debtorId: uuid('debtor_id')
      .notNull()
      .references(() => debtors.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** As written in the file, e.g. 配偶, 父亲, 同事, 担保人. */
    relation: text('relation').notNull().default(''),
    /** Guarantor or co-borrower: liable for the debt. Unrelated contacts are only for locating the debtor. */
    debtRelated: boolean('debt_related').notNull().default(false),
    consent: boolean('consent').notNull().default(false),
    phone: text('phone'),
    phoneValidity: text('phone_validity')
      .$type<'unverified' | 'valid' | 'invalid'>()
      .notNull()
      .default('unverified'),
    source: text('source').notNull().default('import'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('contacts_debtor_name_phone_uq').on(t.debtorId, t.name, t.phone).nullsNotDistinct(),
    index('contacts_phone_idx').on(t.phone),
  ],
);

export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    fileName: text('file_name').notNull(),
    fileFormat: text('file_format').$type<'csv' | 'xlsx'>().notNull(),
    encoding: text('encoding'),
    status: text('status').$type<'committed' | 'rejected'>().notNull(),
    acceptValid: boolean('accept_valid').notNull().default(false),
    rowsTotal: integer('rows_total').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    /** The first problems found (row, column, reason), capped so a broken file cannot bloat the row. */
    rejected: jsonb('rejected').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id),
    actorName: text('actor_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('import_batches_portfolio_idx').on(t.portfolioId, t.startedAt)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    debtorId: uuid('debtor_id')
      .notNull()
      .references(() => debtors.id),
    contractNo: text('contract_no').notNull(),
    product: text('product').notNull().default(''),
    currency: text('currency').notNull().default('CNY'),
    principalFen: fen('principal_fen'),
    interestFen: fen('interest_fen'),
    penaltyFen: fen('penalty_fen'),
    feesFen: fen('fees_fen'),
    paidFen: fen('paid_fen'),
    balanceFen: fen('balance_fen'),
    firstMissedDueDate: date('first_missed_due_date', { mode: 'string' }).notNull(),
    status: text('status')
      .$type<'open' | 'paid_off' | 'settled' | 'written_off' | 'recalled'>()
      .notNull()
      .default('open'),
    createdBatchId: uuid('created_batch_id'),
    lastBatchId: uuid('last_batch_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('accounts_portfolio_contract_uq').on(t.portfolioId, t.contractNo),
    index('accounts_debtor_idx').on(t.debtorId),
    index('accounts_contract_prefix_idx').on(t.contractNo.op('text_pattern_ops')),
    check(
      'accounts_amounts_non_negative',
      sql`${t.principalFen} >= 0 AND ${t.interestFen} >= 0 AND ${t.penaltyFen} >= 0 AND ${t.feesFen} >= 0 AND ${t.paidFen} >= 0 AND ${t.balanceFen} >= 0`,
    ),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    /** Human-facing case number, shown as e.g. QS00001234. */
    caseNo: bigint('case_no', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id')
      .notNull()
      .unique()
      .references(() => accounts.id),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    debtorId: uuid('debtor_id')
      .notNull()
      .references(() => debtors.id),
    /** Collection stage: phone (电催), visit (外访), agency (委外), legal (诉讼), write_off (核销). */
    stage: text('stage')
      .$type<'phone' | 'visit' | 'agency' | 'legal' | 'write_off'>()
      .notNull()
      .default('phone'),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    bucket: text('bucket').notNull(),
    daysPastDue: integer('days_past_due').notNull(),
    /** The day the bucket and days past due were computed for. */
    agedOn: date('aged_on', { mode: 'string' }).notNull(),
    /** The bucket before the latest move and the day of that move (kept by the nightly re-age pass). */
    prevBucket: text('prev_bucket'),
    bucketMovedOn: date('bucket_moved_on', { mode: 'string' }),
    assignedCollectorId: uuid('assigned_collector_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    priority: integer('priority').notNull().default(0),
    /** 四类逾期: 1 willing+able, 2 willing not able, 3 able not willing, 4 neither; null until assessed. */
    delinquencyClass: smallint('delinquency_class'),
    riskLevel: text('risk_level')
      .$type<'not_collected' | 'in_collection' | 'doubtful' | 'bad' | 'dead'>()
      .notNull()
      .default('in_collection'),
    complaintFreeze: boolean('complaint_freeze').notNull().default(false),
    legalHold: boolean('legal_hold').notNull().default(false),
    cease: boolean('cease').notNull().default(false),
    deceased: boolean('deceased').notNull().default(false),
    bankruptcy: boolean('bankruptcy').notNull().default(false),
    /** How the class was reached: derived reasons, or the manual override (class, by, why, at). */
    classReasons: jsonb('class_reasons').$type<unknown[]>(),
    classOverride: jsonb('class_override').$type<{
      delinquencyClass: number;
      byUserId: string;
      byName: string;
      why: string;
      at: string;
    }>(),
    /** Six personality types (强硬/阴谋/合作/感情/固执/虚荣), tagged by collectors. */
    personality: text('personality').$type<
      'strong' | 'scheming' | 'cooperative' | 'emotional' | 'stubborn' | 'vain'
    >(),
    /** The priority score's breakdown (factor, points, detail), so the case page can explain it. */
    priorityBreakdown: jsonb('priority_breakdown').$type<unknown[]>(),
    /** The strategy segment and plan applied, with the strategy version and why. */
    segmentKey: text('segment_key'),
    strategyVersion: integer('strategy_version'),
    segmentReason: jsonb('segment_reason').$type<unknown>(),
    /** Earliest moment the case may next be contacted (the gate's nextAllowedAt); null = now. */
    nextContactAt: timestamp('next_contact_at', { withTimezone: true, mode: 'date' }),
    /** A due promise follow-up or callback: the queue serves these first. */
    followUpAt: timestamp('follow_up_at', { withTimezone: true, mode: 'date' }),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true, mode: 'date' }),
    brokenPromises: integer('broken_promises').notNull().default(0),
    /** Risk signals flagged on the case (domain/risk-signals): lost contact, several lenders, ... */
    riskSignals: text('risk_signals').array().notNull().default(sql`'{}'::text[]`),
    /** The business day of the latest posted payment (kept by the payments service), for priority. */
    lastPaymentOn: date('last_payment_on', { mode: 'string' }),
    /** The reason the debtor gave on the latest right-party contact (STATED_REASONS), for the class. */
    statedReason: text('stated_reason'),
    /** Evidence of means (domain/delinquency-class ABILITY_EVIDENCE), tagged by collectors. */
    abilityEvidence: text('ability_evidence').array().notNull().default(sql`'{}'::text[]`),
    /** The business day the class was last derived; null = never assessed. */
    classifiedOn: date('classified_on', { mode: 'string' }),
    /** The business day the case entered its current strategy segment (plan cadence counts from it). */
    segmentSince: date('segment_since', { mode: 'string' }),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cases_portfolio_bucket_idx').on(t.portfolioId, t.bucket),
    index('cases_collector_idx').on(t.assignedCollectorId),
    /** The queue's priority order within one collector's open cases. */
    index('cases_collector_priority_idx')
      .on(t.assignedCollectorId, t.priority.desc())
      .where(sql`status = 'open'`),
    /** Due follow-ups (few at any time). */
    index('cases_follow_up_idx')
      .on(t.assignedCollectorId, t.followUpAt)
      .where(sql`status = 'open' AND follow_up_at IS NOT NULL`),
    index('cases_team_idx').on(t.teamId),
    index('cases_agency_idx').on(t.agencyId),
    index('cases_debtor_idx').on(t.debtorId),
    unique('cases_case_no_uq').on(t.caseNo),
    check('cases_delinquency_class_range', sql`${t.delinquencyClass} BETWEEN 1 AND 4`),
  ],
);

export const bucketHistory = pgTable(
  'bucket_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** null when the case enters its first bucket. */
    fromBucket: text('from_bucket'),
    /** null when the case leaves bucketing (closed). */
    toBucket: text('to_bucket'),
    movedOn: date('moved_on', { mode: 'string' }).notNull(),
    daysPastDue: integer('days_past_due').notNull(),
    reason: text('reason').$type<'import' | 'reimport' | 'aging' | 'payment' | 'closed'>().notNull(),
    batchId: uuid('batch_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('bucket_history_case_idx').on(t.caseId, t.movedOn),
    /** Aging moves a case at most once a day: a second run of the day records nothing twice. */
    uniqueIndex('bucket_history_aging_once').on(t.caseId, t.movedOn).where(sql`reason = 'aging'`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
  ],
);

/**
 * The contact ledger: every contact attempt on every channel, to debtors and third parties, by every
 * actor (collector, agency, robot dialer). An attempt is reserved by the contact gate before it happens
 * (status `reserved`, no outcome yet) and completed with its outcome afterwards.
 */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The debt the contact is about (the case's account). */
    accountId: uuid('account_id').notNull(),
    debtorId: uuid('debtor_id').notNull(),
    party: text('party').$type<'debtor' | 'third_party'>().notNull(),
    /** The debtor's id, or the contact's id for a third party. */
    personId: uuid('person_id').notNull(),
    channel: text('channel').$type<'call' | 'sms' | 'visit' | 'letter' | 'email'>().notNull(),
    phone: text('phone'),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').$type<'collector' | 'agency' | 'dialer' | 'system'>().notNull(),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status').$type<'reserved' | 'completed' | 'cancelled'>().notNull().default('reserved'),
    outcome: text('outcome').$type<
      'no_answer' | 'busy' | 'not_connected' | 'voicemail' | 'conversation' | 'refused' | 'wrong_number'
    >(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    /** The standard action code the collector logged (src/domain/action-codes.ts). */
    actionCode: text('action_code'),
    note: text('note'),
    /** The follow-up form logged with the action code (callback time, dispute, payment claim, ...). */
    followUp: jsonb('follow_up').$type<Record<string, unknown>>(),
    /** The reason the debtor gave for not paying (domain/delinquency-class STATED_REASONS), if asked. */
    statedReason: text('stated_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('contact_attempts_case_idx').on(t.caseId, t.at),
    index('contact_attempts_person_idx').on(t.personId, t.at),
    index('contact_attempts_phone_idx').on(t.phone, t.at),
    index('contact_attempts_account_idx').on(t.accountId, t.at),
  ],
);

/**
 * Version counters of the contact ledger, one per person ('person:<id>') and per phone number
 * ('phone:<number>'). A reservation reads the versions with the history it decides on and inserts its
 * attempt only if they are unchanged (compare-and-set), so concurrent decisions never both pass.
 */
export const contactCounters = pgTable('contact_counters', {
  key: text('key').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/**
 * Quality inspection (质检): one row per inspected call transcript. The turns are kept as uploaded so the
 * call can be scanned again when the rules change (`rules_version` says which rulebook produced its
 * findings). `team_id` and `agency_id` are the collector's at upload time: they decide who may see the
 * call (a team lead their team's, an agency its own) and how scores are grouped.
 */
export const qaTranscripts = pgTable(
  'qa_transcripts',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    portfolioId: uuid('portfolio_id').references(() => portfolios.id),
    caseId: uuid('case_id').references(() => cases.id),
    collectorUserId: uuid('collector_user_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    party: text('party').$type<'debtor' | 'third_party'>().notNull(),
    /** The compliance profile the call was inspected under (e.g. cn-cba). */
    profile: text('profile').notNull(),
    title: text('title').notNull(),
    /** The uploaded file's name, and the transcript's own id in it when it had one. */
    sourceName: text('source_name'),
    externalId: text('external_id'),
    calledAt: timestamp('called_at', { withTimezone: true, mode: 'date' }),
    turns: jsonb('turns').$type<{ speaker: 'agent' | 'customer'; text: string }[]>().notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** When the call happened: `called_at`, or the upload time when the call time is unknown. Date filters and scores use it. */
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    rulesVersion: text('rules_version').notNull(),
    findingsCount: integer('findings_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    warningCount: integer('warning_count').notNull().default(0),
    /** Findings not reviewed yet; kept in step by every review in the same transaction. */
    openCount: integer('open_count').notNull().default(0),
  },
  (t) => [
    index('qa_transcripts_collector_idx').on(t.collectorUserId, t.occurredAt),
    index('qa_transcripts_agency_idx').on(t.agencyId, t.occurredAt),
    index('qa_transcripts_team_idx').on(t.teamId, t.occurredAt),
    index('qa_transcripts_occurred_idx').on(t.occurredAt),
    index('qa_transcripts_case_idx').on(t.caseId),
    check(
      'qa_transcripts_counts_non_negative',
      sql`${t.openCount} >= 0 AND ${t.openCount} <= ${t.findingsCount}`,
    ),
  ],
);

/**
 * One finding of the speech rules in a transcript: where (turn and UTF-16 offsets into the turn's
 * original text), which rule, and the reviewer's verdict. A dismissal carries a note: it is feedback
 * on the rule.
 */
export const qaFindings = pgTable(
  'qa_findings',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    transcriptId: uuid('transcript_id')
      .notNull()
      .references(() => qaTranscripts.id, { onDelete: 'cascade' }),
    turn: integer('turn').notNull(),
    start: integer('start_offset').notNull(),
    end: integer('end_offset').notNull(),
    quote: text('quote').notNull(),
    category: text('category').notNull(),
    rule: text('rule').notNull(),
    severity: text('severity').$type<'error' | 'warning'>().notNull(),
    status: text('status').$type<'open' | 'confirmed' | 'dismissed'>().notNull().default('open'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewNote: text('review_note'),
  },
  (t) => [
    unique('qa_findings_position_rule_uq').on(t.transcriptId, t.turn, t.start, t.end, t.rule),
    index('qa_findings_rule_status_idx').on(t.rule, t.status),
    check('qa_findings_offsets', sql`${t.start} >= 0 AND ${t.end} >= ${t.start} AND ${t.turn} >= 0`),
    check(
      'qa_findings_dismissal_note',
      sql`${t.status} <> 'dismissed' OR length(btrim(coalesce(${t.reviewNote}, ''))) > 0`,
    ),
  ],
);

/**
 * SMS, letter and call-script templates. Versions of one template share `family_id` (the id of its
 * first version). A draft is edited in place; publishing freezes it (a published row never changes
 * again except to be retired) and retires the previously published version of the family; editing a
 * published template starts the next draft version. At most one draft and one published version per
 * family (partial unique indexes).
 */
export const templates = pgTable(
  'templates',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    familyId: uuid('family_id').notNull(),
    portfolioId: uuid('portfolio_id').references(() => portfolios.id),
    kind: text('kind').$type<'sms' | 'letter' | 'script'>().notNull(),
    name: text('name').notNull(),
    body: text('body').notNull(),
    /** Script library tags: where in the call it belongs, the objection it answers, the stages. */
    purpose: text('purpose'),
    objection: text('objection'),
    stages: jsonb('stages').$type<string[]>(),
    whyText: text('why_text'),
    status: text('status').$type<'draft' | 'published' | 'retired'>().notNull().default('draft'),
    version: integer('version').notNull().default(1),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedByName: text('published_by_name'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('templates_family_version_uq').on(t.familyId, t.version),
    uniqueIndex('templates_one_draft_per_family').on(t.familyId).where(sql`status = 'draft'`),
    uniqueIndex('templates_one_published_per_family').on(t.familyId).where(sql`status = 'published'`),
    index('templates_kind_status_idx').on(t.kind, t.status),
  ],
);

// ——— daily operations: money, promises, waivers, complaints, tasks, strategy, assignment ———

const allocation = (name: string) =>
  jsonb(name).$type<{ feesFen: number; penaltyFen: number; interestFen: number; principalFen: number }>();

/** Payments, posted once per external reference (a bank file line, a receipt number). */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** The bank's or receipt's reference: the same reference is the same payment (idempotency). */
    externalRef: text('external_ref').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The business day it counts for (promises, aging), in the portfolio's zone. */
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    channel: text('channel').$type<'bank_transfer' | 'app' | 'counter' | 'agency' | 'other'>().notNull(),
    source: text('source').$type<'manual' | 'bank_file'>().notNull(),
    importBatchId: uuid('import_batch_id'),
    allocation: allocation('allocation').notNull(),
    /** Above what was owed: never absorbed, flagged for refund. */
    overpaymentFen: fen('overpayment_fen'),
    refundStatus: text('refund_status').$type<'none' | 'pending' | 'refunded'>().notNull().default('none'),
    status: text('status').$type<'posted' | 'reversed'>().notNull().default('posted'),
    reversedAt: timestamp('reversed_at', { withTimezone: true, mode: 'date' }),
    reversedBy: uuid('reversed_by').references(() => users.id),
    reversalReason: text('reversal_reason'),
    enteredBy: uuid('entered_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('payments_portfolio_ref_uq').on(t.portfolioId, t.externalRef),
    index('payments_account_idx').on(t.accountId, t.postedOn),
    check('payments_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

/** Instalment plans (分期/还款计划); each instalment is a promise with the plan's id. */
export const arrangements = pgTable(
  'arrangements',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    instalments: integer('instalments').notNull(),
    /** How often an instalment falls due: monthly, every two weeks or weekly. */
    frequency: text('frequency').$type<'monthly' | 'biweekly' | 'weekly'>().notNull().default('monthly'),
    firstDueDate: date('first_due_date', { mode: 'string' }),
    channel: text('channel'),
    keptInstalments: integer('kept_instalments').notNull().default(0),
    brokenInstalments: integer('broken_instalments').notNull().default(0),
    /** The business day the status last changed (set by the nightly batch). */
    decidedOn: date('decided_on', { mode: 'string' }),
    status: text('status')
      .$type<'active' | 'completed' | 'broken' | 'cancelled'>()
      .notNull()
      .default('active'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('arrangements_case_idx').on(t.caseId),
    check('arrangements_positive', sql`${t.totalFen} > 0 AND ${t.instalments} > 0`),
  ],
);

/** Promises to pay (承诺还款): amount, date, channel; decided from payments by the nightly batch. */
export const promises = pgTable(
  'promises',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    channel: text('channel').notNull(),
    arrangementId: uuid('arrangement_id').references(() => arrangements.id),
    instalmentNo: integer('instalment_no'),
    contactAttemptId: uuid('contact_attempt_id'),
    status: text('status')
      .$type<'pending' | 'kept' | 'partly_kept' | 'broken' | 'cancelled'>()
      .notNull()
      .default('pending'),
    paidFen: fen('paid_fen'),
    decidedOn: date('decided_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('promises_case_idx').on(t.caseId, t.dueDate),
    index('promises_pending_due_idx').on(t.dueDate).where(sql`status = 'pending'`),
    check('promises_amount_positive', sql`${t.amountFen} > 0`),
  ],
);

/** Waiver and settlement requests (减免/和解), approved level by level per the authority matrix. */
export const waiverRequests = pgTable(
  'waiver_requests',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').$type<'waiver' | 'settlement'>().notNull(),
    /** The amount given up. For a settlement: balance minus the settlement amount. */
    waiveFen: bigint('waive_fen', { mode: 'number' }).notNull(),
    settleFen: bigint('settle_fen', { mode: 'number' }),
    balanceAtRequestFen: bigint('balance_at_request_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    evidence: jsonb('evidence').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** The approval chain the authority matrix required, in order (role codes). */
    requiredRoles: jsonb('required_roles').$type<string[]>().notNull(),
    approvedLevels: integer('approved_levels').notNull().default(0),
    status: text('status')
      .$type<'pending' | 'approved' | 'rejected' | 'cancelled'>()
      .notNull()
      .default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('waiver_requests_status_idx').on(t.status, t.requestedAt),
    index('waiver_requests_case_idx').on(t.caseId),
    check('waiver_requests_positive', sql`${t.waiveFen} > 0`),
  ],
);

export const waiverApprovals = pgTable(
  'waiver_approvals',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    requestId: uuid('request_id')
      .notNull()
      .references(() => waiverRequests.id),
    level: integer('level').notNull(),
    role: text('role').notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision').$type<'approved' | 'rejected'>().notNull(),
    note: text('note').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('waiver_approvals_level_uq').on(t.requestId, t.level)],
);

/** Balance changes that are not payments: approved waivers and settlements. */
export const accountAdjustments = pgTable(
  'account_adjustments',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').$type<'waiver' | 'settlement'>().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    allocation: allocation('allocation').notNull(),
    waiverRequestId: uuid('waiver_request_id').references(() => waiverRequests.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('account_adjustments_account_idx').on(t.accountId)],
);

/** Complaints (投诉) and disputes (争议): while one is open the case is frozen for contact. */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').$type<'complaint' | 'dispute'>().notNull(),
    channel: text('channel').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<'open' | 'released'>().notNull().default('open'),
    raisedBy: uuid('raised_by').references(() => users.id),
    raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    releasedBy: uuid('released_by').references(() => users.id),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
    releaseNote: text('release_note'),
  },
  (t) => [index('complaints_case_idx').on(t.caseId), index('complaints_open_idx').on(t.status)],
);

/** Work items: promise reminders and follow-ups, callbacks, letters, visits, escalations. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind')
      .$type<
        | 'promise_reminder'
        | 'promise_follow_up'
        | 'callback'
        | 'letter'
        | 'visit'
        | 'escalation_agency'
        | 'escalation_legal'
        | 'review'
      >()
      .notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    assignedUserId: uuid('assigned_user_id').references(() => users.id),
    teamId: uuid('team_id').references(() => teams.id),
    status: text('status').$type<'open' | 'done' | 'cancelled'>().notNull().default('open'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** What made it, unique so that re-running the batch makes nothing twice (e.g. promise:<id>:follow_up). */
    sourceKey: text('source_key').notNull().unique(),
    createdAt: createdAt(),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('tasks_user_due_idx').on(t.assignedUserId, t.dueAt).where(sql`status = 'open'`),
    index('tasks_case_idx').on(t.caseId),
  ],
);

/** SMS waiting for a gateway. Without a configured gateway they stay queued and say so. */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    phone: text('phone').notNull(),
    templateId: uuid('template_id').references(() => templates.id),
    body: text('body').notNull(),
    status: text('status').$type<'queued' | 'sent' | 'failed' | 'blocked'>().notNull().default('queued'),
    statusDetail: text('status_detail'),
    gateway: text('gateway'),
    contactAttemptId: uuid('contact_attempt_id'),
    sourceKey: text('source_key').notNull().unique(),
    /** Send attempts so far (the dispatcher gives up after a limit and marks the message failed). */
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
    queuedAt: timestamp('queued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sms_outbox_status_idx').on(t.status, t.queuedAt)],
);

/** Collection strategy per portfolio: segments → action plans, every version kept. */
export const strategies = pgTable(
  'strategies',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    version: integer('version').notNull(),
    status: text('status').$type<'draft' | 'active' | 'retired'>().notNull().default('draft'),
    definition: jsonb('definition').$type<unknown>().notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    activatedBy: uuid('activated_by').references(() => users.id),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    unique('strategies_portfolio_version_uq').on(t.portfolioId, t.version),
    uniqueIndex('strategies_one_active').on(t.portfolioId).where(sql`status = 'active'`),
  ],
);

/** Why each case is where it is: every assignment, reassignment, placement and recall. */
export const assignmentHistory = pgTable(
  'assignment_history',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    fromCollectorId: uuid('from_collector_id'),
    toCollectorId: uuid('to_collector_id'),
    fromTeamId: uuid('from_team_id'),
    toTeamId: uuid('to_team_id'),
    agencyId: uuid('agency_id'),
    rule: text('rule')
      .$type<'same_debtor' | 'balanced' | 'manual' | 'placement' | 'recall' | 'import'>()
      .notNull(),
    reason: text('reason').notNull(),
    byUserId: uuid('by_user_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('assignment_history_case_idx').on(t.caseId, t.at)],
);

/** A batch of cases placed with an outside agency for a period (委外), and its recall. */
export const agencyPlacements = pgTable(
  'agency_placements',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    portfolioId: uuid('portfolio_id')
      .notNull()
      .references(() => portfolios.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    status: text('status').$type<'active' | 'recalled' | 'ended'>().notNull().default('active'),
    caseIds: jsonb('case_ids').$type<string[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    recalledAt: timestamp('recalled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [check('agency_placements_period', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** Notes on a case's timeline. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    authorName: text('author_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt)],
);

/** Nightly batch runs: one per business day at a time (advisory lock), with what each changed. */
export const batchRuns = pgTable(
  'batch_runs',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    status: text('status').$type<'running' | 'done' | 'failed'>().notNull(),
    counts: jsonb('counts').$type<Record<string, number>>(),
    error: text('error'),
    node: text('node').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('batch_runs_as_of_idx').on(t.asOf)],
);

// ——— training (培训) ———

/**
 * A role-play call in the training simulator: the engine's session as it is (plain JSON), and once the
 * call has ended the graded report with its score, pass and error-level findings.
 */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    scenarioId: text('scenario_id').notNull(),
    seed: integer('seed').notNull(),
    status: text('status').$type<'active' | 'ended'>().notNull().default('active'),
    engine: jsonb('engine').$type<unknown>().notNull(),
    report: jsonb('report').$type<unknown>(),
    score: integer('score'),
    passed: boolean('passed'),
    /** Error-level rulebook findings in the trainee's lines. */
    violations: integer('violations').notNull().default(0),
    /** How the call ended (promise, hang_up, time_limit, script_end). */
    ended: text('ended'),
    /** Whether a debtor line was worded by the configured LLM. */
    llm: boolean('llm').notNull().default(false),
    /** The live hint after the last turn. */
    hint: jsonb('hint').$type<{ zh: string; en: string }>(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('training_sessions_user_idx').on(t.userId, t.startedAt),
    index('training_sessions_scenario_idx').on(t.scenarioId, t.startedAt),
  ],
);

/** A class of trainees (培训班) a trainer runs. */
export const trainingCohorts = pgTable('training_cohorts', {
  id: uuid('id').primaryKey().default(sql`uuid_v7()`),
  name: text('name').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

export const trainingCohortMembers = pgTable(
  'training_cohort_members',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => trainingCohorts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.cohortId, t.userId] }),
    index('training_cohort_members_user_idx').on(t.userId),
  ],
);

/** A scenario a cohort must practise, with an optional due date. */
export const trainingAssignments = pgTable(
  'training_assignments',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => trainingCohorts.id, { onDelete: 'cascade' }),
    scenarioId: text('scenario_id').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('training_assignments_cohort_scenario_uq').on(t.cohortId, t.scenarioId)],
);

/** A knowledge-quiz attempt: the drawn questions (by seed), the answers and the grade. */
export const trainingQuizAttempts = pgTable(
  'training_quiz_attempts',
  {
    id: uuid('id').primaryKey().default(sql`uuid_v7()`),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    seed: integer('seed').notNull(),
    questionIds: jsonb('question_ids').$type<string[]>().notNull(),
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull(),
    correct: integer('correct').notNull(),
    total: integer('total').notNull(),
    percent: integer('percent').notNull(),
    passed: boolean('passed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('training_quiz_attempts_user_idx').on(t.userId, t.createdAt)],
);

/**
 * A person certified by training (once; never revoked here): portfolios that require certification let
 * only certified collectors hold cases and place contacts. `basis` keeps the passed sessions and the
 * quiz attempt that earned it.
 */
export const trainingCertifications = pgTable('training_certifications', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  certifiedAt: timestamp('certified_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  basis: jsonb('basis').$type<unknown>().notNull(),
});
