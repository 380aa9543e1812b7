/**
 * The HTTP contract of the money screens (还款, 分期, 短信): zod schemas the server validates and
 * serialises with, and whose types the web client imports. Amounts are integer fen; dates 'YYYY-MM-DD';
 * moments ISO-8601.
 */
import { z } from 'zod';

const Allocation = z.object({
  feesFen: z.number(),
  penaltyFen: z.number(),
  interestFen: z.number(),
  principalFen: z.number(),
});

// ——— payments: bank files, the list, the allocation order ———

export const PaymentListQuery = z.object({
  portfolio: z.string().max(64).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  status: z.enum(['posted', 'reversed']).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
export type PaymentListQuery = z.input<typeof PaymentListQuery>;

export const PaymentListItemBody = z.object({
  id: z.string(),
  portfolioCode: z.string(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  contractNo: z.string(),
  debtorName: z.string(),
  externalRef: z.string(),
  amountFen: z.number(),
  paidAt: z.string(),
  postedOn: z.string(),
  channel: z.string(),
  source: z.enum(['manual', 'bank_file']),
  allocation: Allocation,
  overpaymentFen: z.number(),
  refundStatus: z.enum(['none', 'pending', 'refunded']),
  status: z.enum(['posted', 'reversed']),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
  postedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type PaymentListItemBody = z.infer<typeof PaymentListItemBody>;

export const PaymentListBody = z.object({
  items: z.array(PaymentListItemBody),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type PaymentListBody = z.infer<typeof PaymentListBody>;

export const PaymentFileProblemBody = z.object({
  line: z.number(),
  column: z.string(),
  reason: z.string(),
  reasonEn: z.string(),
});
export type PaymentFileProblemBody = z.infer<typeof PaymentFileProblemBody>;

export const PaymentFileResultBody = z.object({
  portfolio: z.string(),
  fileName: z.string(),
  posted: z.number(),
  duplicates: z.number(),
  postedFen: z.number(),
  rejected: z.array(PaymentFileProblemBody),
  /** The payments this upload posted (not the duplicates). */
  postedPayments: z.array(PaymentListItemBody),
});
export type PaymentFileResultBody = z.infer<typeof PaymentFileResultBody>;

export const BalanceComponentCode = z.enum(['fees', 'penalty', 'interest', 'principal']);
export type BalanceComponentCode = z.infer<typeof BalanceComponentCode>;

export const AllocationOrderBody = z.object({
  portfolio: z.string(),
  order: z.array(z.string()),
  isDefault: z.boolean(),
  defaultOrder: z.array(z.string()),
});
export type AllocationOrderBody = z.infer<typeof AllocationOrderBody>;

export const AllocationOrderUpdateBody = z.object({
  /** The four components in the order payments pay them off; null = back to the default. */
  order: z.array(z.string().max(32)).max(8).nullable(),
});
export type AllocationOrderUpdateBody = z.infer<typeof AllocationOrderUpdateBody>;

// ——— arrangements (分期) ———

/** Types only: ranges, dates and channels are checked by the service, which names the field. */
export const ArrangementCreateBody = z.object({
  totalFen: z.number().int(),
  instalments: z.number().int(),
  frequency: z.string().max(16),
  firstDueDate: z.string().max(10),
  channel: z.string().max(32),
});
export type ArrangementCreateBody = z.infer<typeof ArrangementCreateBody>;

export const ArrangementFrequencyCode = z.enum(['monthly', 'biweekly', 'weekly']);
export type ArrangementFrequencyCode = z.infer<typeof ArrangementFrequencyCode>;

export const InstalmentBody = z.object({
  promiseId: z.string(),
  instalmentNo: z.number(),
  dueDate: z.string(),
  amountFen: z.number(),
  status: z.enum(['pending', 'kept', 'partly_kept', 'broken', 'cancelled']),
  paidFen: z.number(),
  decidedOn: z.string().nullable(),
});
export type InstalmentBody = z.infer<typeof InstalmentBody>;

export const ArrangementBody = z.object({
  id: z.string(),
  caseId: z.string(),
  totalFen: z.number(),
  instalments: z.number(),
  frequency: ArrangementFrequencyCode,
  firstDueDate: z.string().nullable(),
  channel: z.string().nullable(),
  status: z.enum(['active', 'completed', 'broken', 'cancelled']),
  keptInstalments: z.number(),
  brokenInstalments: z.number(),
  paidFen: z.number(),
  decidedOn: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  schedule: z.array(InstalmentBody),
});
export type ArrangementBody = z.infer<typeof ArrangementBody>;

export const ArrangementCreatedBody = ArrangementBody.extend({ cancelledPromiseIds: z.array(z.string()) });
export type ArrangementCreatedBody = z.infer<typeof ArrangementCreatedBody>;

export const ArrangementListBody = z.object({ items: z.array(ArrangementBody) });
export type ArrangementListBody = z.infer<typeof ArrangementListBody>;

export const ArrangementPreviewBody = z.object({
  today: z.string(),
  balanceFen: z.number(),
  problems: z.array(z.object({ field: z.string(), reason: z.string(), reasonEn: z.string() })),
  schedule: z.array(z.object({ instalmentNo: z.number(), dueDate: z.string(), amountFen: z.number() })),
});
export type ArrangementPreviewBody = z.infer<typeof ArrangementPreviewBody>;

export const ArrangementCancelBody = z.object({ reason: z.string().max(500) });
export type ArrangementCancelBody = z.infer<typeof ArrangementCancelBody>;

// ——— SMS outbox (短信) ———

export const SmsStatusCode = z.enum(['queued', 'sent', 'failed', 'blocked']);
export type SmsStatusCode = z.infer<typeof SmsStatusCode>;

export const SmsOutboxQuery = z.object({
  status: SmsStatusCode.optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
export type SmsOutboxQuery = z.input<typeof SmsOutboxQuery>;

export const SmsOutboxItemBody = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  debtorName: z.string(),
  phoneMasked: z.string(),
  templateName: z.string().nullable(),
  body: z.string(),
  status: SmsStatusCode,
  statusDetail: z.string().nullable(),
  statusDetailEn: z.string().nullable(),
  gateway: z.string().nullable(),
  attempts: z.number(),
  lastAttemptAt: z.string().nullable(),
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type SmsOutboxItemBody = z.infer<typeof SmsOutboxItemBody>;

export const SmsOutboxBody = z.object({
  items: z.array(SmsOutboxItemBody),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type SmsOutboxBody = z.infer<typeof SmsOutboxBody>;

export const SmsStateBody = z.object({
  gatewayConfigured: z.boolean(),
  gateway: z.string().nullable(),
  counts: z.object({ queued: z.number(), sent: z.number(), failed: z.number(), blocked: z.number() }),
  message: z.string(),
  messageEn: z.string(),
});
export type SmsStateBody = z.infer<typeof SmsStateBody>;

export const SmsDispatchBody = z.object({
  limit: z.number().int().min(1).max(1000).optional(),
});

export const SmsDispatchResultBody = z.object({
  gatewayConfigured: z.boolean(),
  gateway: z.string().nullable(),
  processed: z.number(),
  sent: z.number(),
  blocked: z.number(),
  deferred: z.number(),
  retrying: z.number(),
  failed: z.number(),
  queued: z.number(),
  message: z.string(),
  messageEn: z.string(),
});
export type SmsDispatchResultBody = z.infer<typeof SmsDispatchResultBody>;
