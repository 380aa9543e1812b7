/**
 * The HTTP contract of /api/v1: zod schemas the server validates and serialises with (and publishes as
 * OpenAPI at /api/docs), and whose types the web client imports. Amounts are integer fen; dates are
 * 'YYYY-MM-DD'; moments are ISO-8601 strings.
 */
import { z } from 'zod';
import { CONTACT_OUTCOMES } from '../compliance/gate';
import { CONTACT_CHANNELS } from '../compliance/profiles/types';
import { ROLE_CODES } from '../domain/roles';
import { OBJECTION_KEYS } from '../domain/script-library';
import { ContactLogEffectBody, FollowUpBody, StatedReasonBody } from './contract-followup';

export const RoleCode = z.enum(ROLE_CODES);
export type RoleCode = z.infer<typeof RoleCode>;

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---- auth ----
export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleCode,
  roleName: z.string(),
  roleNameEn: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  /** Permission codes, e.g. 'cases.read', 'imports.create', 'pii.reveal.phone'. */
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

// ---- portfolios ----
export const BucketRange = z.object({
  code: z.string().trim().min(1).max(16),
  minDays: z.number().int().min(0),
  maxDays: z.number().int().min(0).nullable(),
});
export const Portfolio = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  creditor: z.string(),
  productLine: z.string(),
  complianceProfile: z.string(),
  timeZone: z.string(),
  buckets: z.array(BucketRange),
  openCases: z.number().int(),
  /** Open cases and their balances per bucket, in the order of `buckets`. */
  byBucket: z.array(z.object({ bucket: z.string(), cases: z.number().int(), balanceFen: z.number().int() })),
  createdAt: z.string(),
});
export type Portfolio = z.infer<typeof Portfolio>;
export const PortfolioList = z.object({ items: z.array(Portfolio) });
export const CreatePortfolioBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,32}$/, '2-32 letters, digits, _ or -'),
  name: z.string().trim().min(1).max(100),
  creditor: z.string().trim().max(100).optional(),
  productLine: z.enum(['credit_card', 'consumer_loan', 'auto_loan', 'mortgage', 'other']).optional(),
  complianceProfile: z.enum(['cn-cba', 'us-regf']).optional(),
  timeZone: z.string().optional(),
  buckets: z.array(BucketRange).optional(),
});

// ---- a portfolio's compliance rules (合规规则) ----
export const RuleOrigin = z.enum(['profile', 'house']);
export type RuleOrigin = z.infer<typeof RuleOrigin>;
export const ContactHoursValue = z.object({
  /** 'HH:MM', local time of the person contacted. */
  start: z.string(),
  /** 'HH:MM', exclusive: contact is refused from this minute. */
  end: z.string(),
  channels: z.array(z.enum(CONTACT_CHANNELS)),
});
export const ThirdPartyPolicyValue = z.object({
  kind: z.enum(['debtor_unreachable', 'location_once']),
  /** debtor_unreachable: failed attempts in a row after which the debtor counts as unreachable. */
  consecutiveFailedAttempts: z.number().int().nullable(),
});
/** Every rule of a profile with its citation; `extra` adds what each rule carries besides (its origin). */
function ruleValues<Extra extends z.ZodRawShape>(extra: Extra) {
  const rule = <T extends z.ZodType>(value: T) => z.object({ value, source: z.string(), ...extra });
  return z.object({
    hours: rule(ContactHoursValue),
    /** No contact on the window's channels on Chinese statutory holidays; null: no such rule. */
    noContactOnStatutoryHolidays: rule(z.boolean()).nullable(),
    dailyUnansweredCallsPerNumber: rule(z.number().int()).nullable(),
    dailyConnectedCallsPerPerson: rule(z.number().int()).nullable(),
    rollingCallCap: rule(z.object({ calls: z.number().int(), days: z.number().int() })).nullable(),
    postConversationWait: rule(z.object({ days: z.number().int() })).nullable(),
    thirdParty: rule(ThirdPartyPolicyValue),
    thirdPartyRefusalIsFinal: rule(z.boolean()),
    holds: z.object({
      cease: rule(z.literal(true)),
      attorney: rule(z.literal(true)),
      complaintFreeze: rule(z.literal(true)),
      legalHold: rule(z.literal(true)),
    }),
  });
}
export const ProfileRuleValues = ruleValues({});
export const EffectiveRuleValues = ruleValues({ origin: RuleOrigin });
export type EffectiveRuleValues = z.infer<typeof EffectiveRuleValues>;
/** House rules as stored: a portfolio's compliance profile made stricter, citing its own source. */
export const HouseRules = z.object({
  source: z.string(),
  dayStart: z.string().optional(),
  dayEnd: z.string().optional(),
  noContactOnStatutoryHolidays: z.boolean().optional(),
  dailyUnansweredCallsPerNumber: z.number().optional(),
  dailyConnectedCallsPerPerson: z.number().optional(),
});
export type HouseRules = z.infer<typeof HouseRules>;
/**
 * New house rules. Only the types are checked here; the service checks the values against the profile
 * (a house rule may only be stricter) and names the field and the reason.
 */
export const HouseRulesBody = z.strictObject({
  /** The house rule these come from, e.g. '卡中心催收管理办法 2026 第4.2条'. Required. */
  source: z.string().max(500),
  /** 'HH:MM', not earlier than the profile's start. */
  dayStart: z.string().max(16).optional(),
  /** 'HH:MM', exclusive, not later than the profile's end. */
  dayEnd: z.string().max(16).optional(),
  /** true: no contact on Chinese statutory holidays. */
  noContactOnStatutoryHolidays: z.boolean().optional(),
  /** Whole number >= 1, not more than the profile's cap. */
  dailyUnansweredCallsPerNumber: z.number().optional(),
  dailyConnectedCallsPerPerson: z.number().optional(),
});
export type HouseRulesBody = z.infer<typeof HouseRulesBody>;
export const PortfolioCompliance = z.object({
  portfolio: z.object({ code: z.string(), name: z.string(), timeZone: z.string() }),
  profile: z.object({ id: z.string(), name: z.string() }),
  /** The compliance profile's own values. */
  values: ProfileRuleValues,
  houseOverrides: HouseRules.nullable(),
  /** The values the contact gate decides with, each from the profile or from the house rule. */
  effective: EffectiveRuleValues,
  /** Whether the user may change the house rules (portfolios.manage). */
  canManage: z.boolean(),
});
export type PortfolioCompliance = z.infer<typeof PortfolioCompliance>;

// ---- cases ----
export const CaseFlags = z.object({
  complaintFreeze: z.boolean(),
  legalHold: z.boolean(),
  cease: z.boolean(),
  deceased: z.boolean(),
  bankruptcy: z.boolean(),
});
export const CaseSummary = z.object({
  id: z.string(),
  caseNo: z.string(),
  portfolioCode: z.string(),
  contractNo: z.string(),
  product: z.string(),
  debtorName: z.string(),
  /** Masked, e.g. 138****5678. */
  phone: z.string().nullable(),
  bucket: z.string(),
  daysPastDue: z.number().int(),
  balanceFen: z.number().int(),
  stage: z.string(),
  status: z.string(),
  riskLevel: z.string(),
  priority: z.number().int(),
  collectorId: z.string().nullable(),
  collectorName: z.string().nullable(),
  teamName: z.string().nullable(),
  agencyName: z.string().nullable(),
  flags: CaseFlags,
});
export type CaseSummary = z.infer<typeof CaseSummary>;
export const CaseListQuery = z.object({
  portfolio: z.string().optional(),
  bucket: z.string().optional(),
  status: z.enum(['open', 'closed']).optional(),
  /** A user id, or 'none' for unassigned cases. */
  collector: z.string().optional(),
  /** Name (prefix), contract number (prefix) or phone number (exact). */
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .enum(['priority', 'dpd_desc', 'dpd_asc', 'balance_desc', 'balance_asc', 'case_no'])
    .default('priority'),
});
export type CaseListQuery = z.input<typeof CaseListQuery>;
export const CaseList = z.object({
  items: z.array(CaseSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CaseList = z.infer<typeof CaseList>;

export const PersonalItem = z.object({
  /** Id of the phone, address or contact row; the debtor id for the ID number. */
  id: z.string(),
  masked: z.string(),
});
export const CaseDetail = z.object({
  case: CaseSummary.extend({
    openedAt: z.string(),
    agedOn: z.string(),
    delinquencyClass: z.number().int().nullable(),
  }),
  debtor: z.object({
    id: z.string(),
    name: z.string(),
    idNumber: PersonalItem,
    gender: z.enum(['M', 'F']).nullable(),
    age: z.number().int().nullable(),
    employer: z.string().nullable(),
    phones: z.array(PersonalItem.extend({ type: z.string(), validity: z.string(), source: z.string() })),
    addresses: z.array(PersonalItem.extend({ kind: z.string(), validity: z.string() })),
  }),
  accounts: z.array(
    z.object({
      id: z.string(),
      contractNo: z.string(),
      product: z.string(),
      portfolioCode: z.string(),
      principalFen: z.number().int(),
      interestFen: z.number().int(),
      penaltyFen: z.number().int(),
      feesFen: z.number().int(),
      paidFen: z.number().int(),
      balanceFen: z.number().int(),
      firstMissedDueDate: z.string(),
      status: z.string(),
      /** True for the account of this case; the others are the same debtor's other accounts. */
      current: z.boolean(),
    }),
  ),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      relation: z.string(),
      debtRelated: z.boolean(),
      consent: z.boolean(),
      phone: z.string().nullable(),
    }),
  ),
  bucketHistory: z.array(
    z.object({
      fromBucket: z.string().nullable(),
      toBucket: z.string().nullable(),
      movedOn: z.string(),
      daysPastDue: z.number().int(),
      reason: z.string(),
    }),
  ),
  /** What the viewer may reveal on this case. */
  canReveal: z.object({ idNumber: z.boolean(), phone: z.boolean(), address: z.boolean() }),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const RevealBody = z.object({
  field: z.enum(['idNumber', 'phone', 'address', 'contactPhone']),
  /** The PersonalItem id (phone, address or contact row); omitted for idNumber. */
  itemId: z.string().optional(),
  /** Why the person needs to see it; kept in the audit log. */
  purpose: z.string().trim().max(200).optional(),
});
export const RevealResult = z.object({ field: z.string(), itemId: z.string(), value: z.string() });

// ---- imports ----
export const RejectedRow = z.object({
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
  reasonEn: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;
export const ImportResult = z.object({
  batchId: z.string().nullable(),
  status: z.enum(['committed', 'rejected']),
  rows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(RejectedRow),
  /** Total number of problems; `rejected` may be capped for very bad files. */
  rejectedCount: z.number().int(),
  encoding: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']),
});
export type ImportResult = z.infer<typeof ImportResult>;
export const ImportBatch = z.object({
  id: z.string(),
  portfolioCode: z.string(),
  fileName: z.string(),
  fileFormat: z.string(),
  status: z.string(),
  rowsTotal: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  rejectedCount: z.number().int(),
  actorName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
});
export const ImportBatchList = z.object({ items: z.array(ImportBatch) });

// ---- reference data ----
export const UserRef = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleCode,
  teamName: z.string().nullable(),
});
export const UserRefList = z.object({ items: z.array(UserRef) });

export const Health = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

// ---- contact gate ----
export const ContactReserveBody = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  party: z.enum(['debtor', 'third_party']),
  /** The contact to reach (third party). */
  contactId: z.string().optional(),
  /** One of the debtor's phones (PersonalItem id) for a call or SMS to the debtor. */
  phoneId: z.string().optional(),
});
export const ContactDecisionBody = z.object({
  allowed: z.boolean(),
  reasons: z.array(z.string()),
  /** The reasons in words, in both languages. */
  messages: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  nextAllowedAt: z.string().nullable(),
  /** The reserved ledger entry; report what happened with POST /contact-attempts/{id}/outcome. */
  attemptId: z.string().nullable(),
});
export type ContactDecisionBody = z.infer<typeof ContactDecisionBody>;
export const ContactOutcomeBody = z.object({
  outcome: z.enum(CONTACT_OUTCOMES),
});

// ---- quality inspection (质检) ----
export const FindingSeverity = z.enum(['error', 'warning']);
export const FindingStatus = z.enum(['open', 'confirmed', 'dismissed']);
export const RuleText = z.object({
  /** Why the rule exists (zh-CN, en). */
  explanation: z.object({ zh: z.string(), en: z.string() }),
  /** A compliant way to say it (zh-CN). */
  alternative: z.string(),
});
export const TranscriptTurnBody = z.object({ speaker: z.enum(['agent', 'customer']), text: z.string() });

export const QaUploadProblem = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  field: z.string(),
  reason: z.string(),
  reasonEn: z.string(),
});
export type QaUploadProblem = z.infer<typeof QaUploadProblem>;
/** Upload-wide metadata, for transcripts (e.g. a .txt file) that do not carry their own. */
export const QaUploadDefaults = z.object({
  collector: z.string().optional(),
  party: z.string().optional(),
  calledAt: z.string().optional(),
  caseId: z.string().optional(),
  contractNo: z.string().optional(),
  portfolio: z.string().optional(),
  agency: z.string().optional(),
  title: z.string().optional(),
});
export const QaUploadBody = z.object({
  /**
   * Transcript objects: the `qingshou qa` input shape ({id?, profile?, party?, turns: [{speaker, text}]})
   * plus optional collector (username), caseId or contractNo (+ portfolio), agency (code), calledAt
   * (ISO-8601 with offset) and title. Checked by the service, which lists every problem.
   */
  transcripts: z.array(z.unknown()).min(1).max(500),
  defaults: QaUploadDefaults.optional(),
});
export const QaUploadResult = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      findings: z.number().int(),
      errors: z.number().int(),
      warnings: z.number().int(),
    }),
  ),
});
export type QaUploadResult = z.infer<typeof QaUploadResult>;

export const TranscriptSummary = z.object({
  id: z.string(),
  title: z.string(),
  sourceName: z.string().nullable(),
  externalId: z.string().nullable(),
  party: z.enum(['debtor', 'third_party']),
  profile: z.string(),
  collectorId: z.string().nullable(),
  collectorName: z.string().nullable(),
  teamName: z.string().nullable(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  portfolioCode: z.string().nullable(),
  calledAt: z.string().nullable(),
  /** The call time, or the upload time when the call time is unknown. */
  occurredAt: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
  rulesVersion: z.string(),
  turns: z.number().int(),
  findings: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Findings not reviewed yet. */
  open: z.number().int(),
  confirmedErrors: z.number().int(),
  confirmedWarnings: z.number().int(),
  dismissed: z.number().int(),
  /** The call's compliance score from its confirmed findings (provisional while `open` > 0). */
  score: z.number(),
});
export type TranscriptSummary = z.infer<typeof TranscriptSummary>;
export const TranscriptListQuery = z.object({
  collector: z.string().optional(),
  /** An agency id, or 'none' for in-house calls. */
  agency: z.string().optional(),
  status: z.enum(['needs_review', 'reviewed', 'clean', 'violation']).optional(),
  /** Call dates (YYYY-MM-DD, center time zone), inclusive. */
  from: z.string().optional(),
  to: z.string().optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TranscriptListQuery = z.input<typeof TranscriptListQuery>;
export const TranscriptList = z.object({
  items: z.array(TranscriptSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TranscriptList = z.infer<typeof TranscriptList>;
export const QaFinding = z.object({
  id: z.string(),
  transcriptId: z.string(),
  turn: z.number().int(),
  /** UTF-16 offsets into the turn's text. */
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  category: z.string(),
  rule: z.string(),
  severity: FindingSeverity,
  status: FindingStatus,
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  /** The rule's explanation and compliant alternative; null for a rule no longer in the rulebook. */
  ruleInfo: RuleText.nullable(),
});
export type QaFinding = z.infer<typeof QaFinding>;
export const TranscriptDetail = z.object({
  transcript: TranscriptSummary,
  turns: z.array(TranscriptTurnBody),
  findings: z.array(QaFinding),
  canReview: z.boolean(),
});
export type TranscriptDetail = z.infer<typeof TranscriptDetail>;
export const ReviewFindingBody = z.object({
  action: z.enum(['confirm', 'dismiss', 'reopen']),
  /** Required when dismissing: why it is not a violation (feedback on the rule). */
  note: z.string().max(1000).optional(),
});
export type ReviewFindingBody = z.infer<typeof ReviewFindingBody>;
export const ScoreQuery = z.object({
  groupBy: z.enum(['collector', 'agency']).default('collector'),
  from: z.string().optional(),
  to: z.string().optional(),
});
export const ScoreRow = z.object({
  /** The collector's user id or the agency id; null for calls without a collector, or in-house calls. */
  id: z.string().nullable(),
  name: z.string().nullable(),
  teamName: z.string().nullable(),
  agencyName: z.string().nullable(),
  calls: z.number().int(),
  score: z.number().nullable(),
  confirmedErrors: z.number().int(),
  confirmedWarnings: z.number().int(),
  openFindings: z.number().int(),
  dismissedFindings: z.number().int(),
  redLineCalls: z.number().int(),
  /** Share of calls with a confirmed red-line finding, 0..1. */
  redLineShare: z.number(),
});
export type ScoreRow = z.infer<typeof ScoreRow>;
export const ComplianceScores = z.object({
  groupBy: z.enum(['collector', 'agency']),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  rule: z.object({
    full: z.number(),
    redLine: z.number(),
    warningPenalty: z.number(),
    warningFloor: z.number(),
  }),
  items: z.array(ScoreRow),
  total: ScoreRow,
});
export type ComplianceScores = z.infer<typeof ComplianceScores>;
export const SpeechRule = RuleText.extend({
  id: z.string(),
  category: z.string(),
  severity: FindingSeverity,
});
export const SpeechRuleCatalogue = z.object({ version: z.string(), rules: z.array(SpeechRule) });
export type SpeechRuleCatalogue = z.infer<typeof SpeechRuleCatalogue>;

// ---- templates ----
export const TemplateKindCode = z.enum(['sms', 'letter', 'script']);
export const TemplateStatusCode = z.enum(['draft', 'published', 'retired']);
export const Template = z.object({
  id: z.string(),
  /** Versions of one template share the family id. */
  familyId: z.string(),
  portfolioCode: z.string().nullable(),
  kind: TemplateKindCode,
  name: z.string(),
  body: z.string(),
  status: TemplateStatusCode,
  version: z.number().int(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  publishedByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof Template>;
export const LintFinding = z.object({
  category: z.string(),
  rule: z.string(),
  severity: FindingSeverity,
  /** UTF-16 offsets into the body. */
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  ruleInfo: RuleText.nullable(),
});
export type LintFinding = z.infer<typeof LintFinding>;
export const TemplateListQuery = z.object({
  kind: TemplateKindCode.optional(),
  status: TemplateStatusCode.optional(),
  includeRetired: z.enum(['true', 'false']).optional(),
});
export const TemplateList = z.object({ items: z.array(Template) });
export const TemplateDetail = z.object({
  template: Template,
  findings: z.array(LintFinding),
  versions: z.array(
    z.object({
      id: z.string(),
      version: z.number().int(),
      status: TemplateStatusCode,
      authorName: z.string(),
      publishedByName: z.string().nullable(),
      publishedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  canEdit: z.boolean(),
  canPublish: z.boolean(),
  canRetire: z.boolean(),
});
export type TemplateDetail = z.infer<typeof TemplateDetail>;
export const CreateTemplateBody = z.object({
  kind: TemplateKindCode,
  name: z.string().max(100),
  body: z.string().max(20_000),
  /** Portfolio code: its compliance profile is used for the lint (default cn-cba). */
  portfolio: z.string().max(32).optional(),
});
export type CreateTemplateBody = z.infer<typeof CreateTemplateBody>;
export const UpdateTemplateBody = z.object({
  name: z.string().max(100).optional(),
  body: z.string().max(20_000).optional(),
});
export const SavedTemplate = z.object({
  template: Template,
  findings: z.array(LintFinding),
  /** True when the saved template was published and the change became a new draft version. */
  revised: z.boolean(),
});
export type SavedTemplate = z.infer<typeof SavedTemplate>;
export const PublishedTemplate = z.object({ template: Template, findings: z.array(LintFinding) });
export const LintBody = z.object({
  kind: TemplateKindCode,
  body: z.string().max(20_000),
  portfolio: z.string().max(32).optional(),
});
export type LintBody = z.infer<typeof LintBody>;
export const LintResult = z.object({ findings: z.array(LintFinding) });
export type LintResult = z.infer<typeof LintResult>;

// ——— money: promises and payments ———

export const PromiseCreateBody = z.object({
  amountFen: z.number().int().positive(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  channel: z.enum(['app', 'bank_transfer', 'counter', 'auto_debit']),
  contactAttemptId: z.string().max(64).nullish(),
});
export type PromiseCreateBody = z.infer<typeof PromiseCreateBody>;

export const PromiseBody = z.object({
  id: z.string(),
  caseId: z.string(),
  amountFen: z.number(),
  dueDate: z.string(),
  channel: z.string(),
  status: z.enum(['pending', 'kept', 'partly_kept', 'broken', 'cancelled']),
  paidFen: z.number(),
  decidedOn: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type PromiseBody = z.infer<typeof PromiseBody>;

export const PaymentCreateBody = z.object({
  portfolio: z.string().min(1).max(64),
  contractNo: z.string().min(1).max(64),
  externalRef: z.string().min(1).max(100),
  amountFen: z.number().int().positive(),
  paidAt: z.iso.datetime({ offset: true }),
  channel: z.enum(['bank_transfer', 'app', 'counter', 'agency', 'other']),
});
export type PaymentCreateBody = z.infer<typeof PaymentCreateBody>;

export const PaymentBody = z.object({
  id: z.string(),
  accountId: z.string(),
  caseId: z.string().nullable(),
  externalRef: z.string(),
  amountFen: z.number(),
  paidAt: z.string(),
  postedOn: z.string(),
  channel: z.string(),
  allocation: z.object({
    feesFen: z.number(),
    penaltyFen: z.number(),
    interestFen: z.number(),
    principalFen: z.number(),
  }),
  overpaymentFen: z.number(),
  refundStatus: z.string(),
  status: z.enum(['posted', 'reversed']),
  balanceAfterFen: z.number(),
});
export type PaymentBody = z.infer<typeof PaymentBody>;

export const PaymentPostedBody = z.object({ payment: PaymentBody, duplicate: z.boolean() });
export const PaymentReverseBody = z.object({ reason: z.string().min(2).max(500) });

export const QueueAnswerBody = z.object({
  next: z
    .object({
      caseId: z.string(),
      caseNo: z.string(),
      debtorName: z.string(),
      bucket: z.string(),
      daysPastDue: z.number(),
      balanceFen: z.number(),
      priority: z.number(),
      because: z.enum(['follow_up', 'priority']),
      followUpAt: z.string().nullable(),
    })
    .nullable(),
  skipped: z.array(
    z.object({
      caseId: z.string(),
      caseNo: z.string(),
      reasons: z.array(z.string()),
      nextAllowedAt: z.string().nullable(),
    }),
  ),
  nextCallableAt: z.string().nullable(),
});

// ——— collector's workbench: timeline, gate preview, contact log, notes, scripts ———

export const TimelineEntryBody = z.object({
  id: z.string(),
  kind: z.enum(['contact', 'promise', 'payment', 'note', 'bucket', 'assignment']),
  at: z.string(),
  actor: z.string().nullable(),
  contact: z
    .object({
      channel: z.string(),
      party: z.string(),
      phone: z.string().nullable(),
      status: z.string(),
      outcome: z.string().nullable(),
      actionCode: z.string().nullable(),
      note: z.string().nullable(),
    })
    .optional(),
  promise: z
    .object({
      amountFen: z.number(),
      dueDate: z.string(),
      channel: z.string(),
      status: z.string(),
      paidFen: z.number(),
    })
    .optional(),
  payment: z
    .object({
      amountFen: z.number(),
      channel: z.string(),
      externalRef: z.string(),
      allocation: z.object({
        feesFen: z.number(),
        penaltyFen: z.number(),
        interestFen: z.number(),
        principalFen: z.number(),
      }),
      overpaymentFen: z.number(),
      status: z.string(),
    })
    .optional(),
  note: z.object({ body: z.string() }).optional(),
  bucket: z
    .object({
      fromBucket: z.string().nullable(),
      toBucket: z.string().nullable(),
      daysPastDue: z.number(),
      reason: z.string(),
    })
    .optional(),
  assignment: z
    .object({
      fromCollector: z.string().nullable(),
      toCollector: z.string().nullable(),
      rule: z.string(),
      reason: z.string(),
    })
    .optional(),
});
export type TimelineEntryBody = z.infer<typeof TimelineEntryBody>;
export const TimelineBody = z.object({ items: z.array(TimelineEntryBody) });
export type TimelineBody = z.infer<typeof TimelineBody>;

export const GateStateBody = z.object({
  allowed: z.boolean(),
  reasons: z.array(z.string()),
  messages: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  nextAllowedAt: z.string().nullable(),
});
export type GateStateBody = z.infer<typeof GateStateBody>;
export const GatePreviewBody = z.object({
  caseId: z.string(),
  at: z.string(),
  timeZone: z.string(),
  phones: z.array(
    z.object({
      phoneId: z.string(),
      masked: z.string(),
      type: z.string(),
      validity: z.string(),
      call: GateStateBody,
      sms: GateStateBody,
    }),
  ),
});
export type GatePreviewBody = z.infer<typeof GatePreviewBody>;

export const ContactLogBody = z.object({
  attemptId: z.string().min(1).max(64),
  actionCode: z.string().min(1).max(64),
  note: z.string().max(2000).nullish(),
  promise: z
    .object({
      amountFen: z.number().int().positive(),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
      channel: z.enum(['app', 'bank_transfer', 'counter', 'auto_debit']),
    })
    .nullish(),
  /** The follow-up form the action code needs (contract-followup.ts); a promise may come as `promise`. */
  followUp: FollowUpBody.nullish(),
  /** On a right-party contact: the reason the debtor gave for not paying. */
  statedReason: StatedReasonBody.nullish(),
});
export type ContactLogBody = z.infer<typeof ContactLogBody>;
export const ContactLogResultBody = z.object({
  attemptId: z.string(),
  actionCode: z.string(),
  outcome: z.string(),
  promise: PromiseBody.nullable(),
  statedReason: z.string().nullable(),
  effects: z.array(ContactLogEffectBody),
});
export type ContactLogResultBody = z.infer<typeof ContactLogResultBody>;

export const CaseNoteCreateBody = z.object({ body: z.string().min(1).max(2000) });
export const CaseNoteBody = z.object({
  id: z.string(),
  caseId: z.string(),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type CaseNoteBody = z.infer<typeof CaseNoteBody>;

export const ScriptsQuery = z.object({ objection: z.enum(OBJECTION_KEYS).optional() });
export const ScriptEntryBody = z.object({
  key: z.string(),
  purpose: z.string(),
  objection: z.string().optional(),
  titleZh: z.string(),
  titleEn: z.string(),
  textZh: z.string(),
  whyZh: z.string(),
  whyEn: z.string(),
});
export const CaseScriptsBody = z.object({
  stage: z.string().nullable(),
  delinquencyClass: z.number().nullable(),
  personality: z.string().nullable(),
  objection: z.string().nullable(),
  scripts: z.array(ScriptEntryBody),
});
export type CaseScriptsBody = z.infer<typeof CaseScriptsBody>;

export const ActionCodeBody = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  parties: z.array(z.string()),
  followUp: z.string().nullable(),
});
export type ActionCodeBody = z.infer<typeof ActionCodeBody>;
export const ActionCodeList = z.object({ items: z.array(ActionCodeBody) });

// ---- approvals: waivers and settlements, complaints and disputes ----
export const WaiverCreateBody = z.object({
  kind: z.enum(['waiver', 'settlement']),
  /** For a waiver: the amount given up; for a settlement: the amount the debtor pays. Whole fen. */
  amountFen: z.number().int().positive(),
  reason: z.string().trim().min(2).max(1000),
  evidence: z.array(z.string().max(1000)).max(20).optional(),
});
export type WaiverCreateBody = z.infer<typeof WaiverCreateBody>;

export const WaiverApprovalBody = z.object({
  level: z.number(),
  role: z.string(),
  approverName: z.string(),
  decision: z.enum(['approved', 'rejected']),
  note: z.string(),
  decidedAt: z.string(),
});

export const WaiverBody = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  debtorName: z.string(),
  kind: z.enum(['waiver', 'settlement']),
  waiveFen: z.number(),
  settleFen: z.number().nullable(),
  balanceAtRequestFen: z.number(),
  balanceFen: z.number(),
  basisPoints: z.number(),
  reason: z.string(),
  evidence: z.array(z.string()),
  chain: z.array(z.string()),
  approvedLevels: z.number(),
  nextRole: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  approvals: z.array(WaiverApprovalBody),
});
export type WaiverBody = z.infer<typeof WaiverBody>;

export const WaiverListQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});

export const WaiverDecisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(1000).optional(),
});
export type WaiverDecisionBody = z.infer<typeof WaiverDecisionBody>;

export const ComplaintCreateBody = z.object({
  kind: z.enum(['complaint', 'dispute']),
  channel: z.enum(['phone', 'regulator', 'letter', 'email', 'visit', 'app', 'other']),
  description: z.string().trim().min(2).max(2000),
});
export type ComplaintCreateBody = z.infer<typeof ComplaintCreateBody>;

export const ComplaintReleaseBody = z.object({ note: z.string().max(2000) });

export const ComplaintBody = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  debtorName: z.string(),
  kind: z.enum(['complaint', 'dispute']),
  channel: z.string(),
  description: z.string(),
  status: z.enum(['open', 'released']),
  raisedByName: z.string().nullable(),
  raisedAt: z.string(),
  releasedByName: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releaseNote: z.string().nullable(),
  caseFrozen: z.boolean(),
});
export type ComplaintBody = z.infer<typeof ComplaintBody>;

export const BatchRunBody = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  graceDays: z.number().int().min(0).max(30).optional(),
});
export const BatchResultBody = z.object({
  runId: z.string(),
  asOf: z.string(),
  counts: z.record(z.string(), z.number()),
  timings: z.record(z.string(), z.number()),
});

// ---- assessment: priority, class, strategy segment, tags ----
const Bilingual = z.object({ zh: z.string(), en: z.string() });
const EscalationBody = z.object({
  id: z.string(),
  action: z.enum(['letter', 'visit', 'agency', 'legal']),
  afterBrokenPromises: z.number().nullable(),
  afterDaysPastDue: z.number().nullable(),
});
export const CaseAssessmentBody = z.object({
  caseId: z.string(),
  asOf: z.string(),
  priority: z.object({
    total: z.number(),
    stored: z.number(),
    callable: z.boolean(),
    breakdown: z.array(z.object({ factor: z.string(), points: z.number(), detail: Bilingual })),
    notCallable: z.array(z.object({ signal: z.string(), text: Bilingual })),
  }),
  classification: z.object({
    class: z.number().nullable(),
    stored: z.number().nullable(),
    source: z.enum(['rules', 'override']),
    derivedClass: z.number().nullable(),
    text: z.object({ name: Bilingual, treatment: Bilingual }).nullable(),
    willing: z.boolean().nullable(),
    able: z.boolean().nullable(),
    reasons: z.array(
      z.object({ code: z.string(), dimension: z.string(), weight: z.number(), text: Bilingual }),
    ),
    verifyFirst: z.array(
      z.object({ code: z.string(), dimension: z.string(), weight: z.number(), text: Bilingual }),
    ),
  }),
  segment: z
    .object({
      strategyVersion: z.number(),
      key: z.string(),
      name: Bilingual,
      reasons: z.array(Bilingual),
      plan: z.object({
        channels: z.array(z.string()),
        callEveryDays: z.number().nullable(),
        sms: z.object({ templateFamilyId: z.string(), everyDays: z.number() }).nullable(),
        scriptStage: z.string().nullable(),
        escalations: z.array(EscalationBody),
      }),
      dueEscalations: z.array(EscalationBody),
    })
    .nullable(),
  stored: z.object({
    segmentKey: z.string().nullable(),
    strategyVersion: z.number().nullable(),
    segmentSince: z.string().nullable(),
  }),
  personality: z.string().nullable(),
  riskSignals: z.array(z.string()),
  abilityEvidence: z.array(z.string()),
  statedReason: z.string().nullable(),
  override: z
    .object({ delinquencyClass: z.number(), byName: z.string(), why: z.string(), at: z.string() })
    .nullable(),
});
export type CaseAssessmentBody = z.infer<typeof CaseAssessmentBody>;

export const CaseTagsBody = z.object({
  personality: z.string().nullable().optional(),
  riskSignals: z.array(z.string()).max(20).optional(),
  abilityEvidence: z.array(z.string()).max(10).optional(),
});
export type CaseTagsBody = z.infer<typeof CaseTagsBody>;

export const ClassOverrideBody = z.object({
  delinquencyClass: z.number().int(),
  why: z.string().max(500),
});
export type ClassOverrideBody = z.infer<typeof ClassOverrideBody>;
