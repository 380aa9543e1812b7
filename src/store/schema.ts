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
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cases_portfolio_bucket_idx').on(t.portfolioId, t.bucket),
    index('cases_collector_idx').on(t.assignedCollectorId),
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
  (t) => [index('bucket_history_case_idx').on(t.caseId, t.movedOn)],
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
    createdAt: createdAt(),
  },
  (t) => [
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
