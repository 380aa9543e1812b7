/**
 * The HTTP contract of /api/v1: zod schemas the server validates and serialises with (and publishes as
 * OpenAPI at /api/docs), and whose types the web client imports. Amounts are integer fen; dates are
 * 'YYYY-MM-DD'; moments are ISO-8601 strings.
 */
import { z } from 'zod';
import { CONTACT_OUTCOMES } from '../compliance/gate';
import { CONTACT_CHANNELS } from '../compliance/profiles/types';
import { ROLE_CODES } from '../domain/roles';

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
