/**
 * The HTTP contract of assignment (分案), reassignment (转派), agency placement (委外) and the team lead's
 * screens: zod schemas the server validates and serialises with, whose types the web client imports.
 * Amounts are integer fen; dates 'YYYY-MM-DD'; moments ISO-8601.
 */
import { z } from 'zod';

const Text = z.object({ zh: z.string(), en: z.string() });

// ——— rules ———

export const AssignmentRules = z.object({
  sameDebtor: z.boolean(),
  teamsByBucket: z.record(z.string(), z.array(z.string())).nullable(),
  skipCollectorsOverCapacity: z.boolean(),
});
export type AssignmentRules = z.infer<typeof AssignmentRules>;

/** The rules to store; fields left out take their defaults; `rules: null` goes back to the defaults. Checked by the service (each problem names its field). */
export const AssignmentRulesPutBody = z.object({
  rules: z.unknown().refine((value) => value !== undefined, { message: 'required (null = the defaults)' }),
});

export const AssignmentRulesView = z.object({
  portfolioCode: z.string(),
  portfolioName: z.string(),
  rules: AssignmentRules,
  isDefault: z.boolean(),
  requireCertification: z.boolean(),
  buckets: z.array(z.string()),
  teams: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      collectors: z.number().int(),
      capacityPerCollector: z.number().int(),
    }),
  ),
});
export type AssignmentRulesView = z.infer<typeof AssignmentRulesView>;

export const UnplannedCase = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  code: z.string(),
  reason: Text,
});
export type UnplannedCase = z.infer<typeof UnplannedCase>;

export const AssignResult = z.object({
  portfolioCode: z.string(),
  considered: z.number().int(),
  assigned: z.number().int(),
  byRule: z.object({
    sameContract: z.number().int(),
    sameDebtor: z.number().int(),
    balanced: z.number().int(),
  }),
  perCollector: z.array(
    z.object({
      collectorId: z.string(),
      name: z.string(),
      assigned: z.number().int(),
      load: z.number().int(),
      capacity: z.number().int(),
    }),
  ),
  unplannedCount: z.number().int(),
  unplanned: z.array(UnplannedCase),
});
export type AssignResult = z.infer<typeof AssignResult>;

// ——— reassignment ———

export const ReassignBody = z.object({
  caseIds: z.array(z.string().max(64)).max(1000),
  toCollectorId: z.string().max(64).nullable().optional(),
  toTeamId: z.string().max(64).nullable().optional(),
  reason: z.string().max(2000),
});
export type ReassignBody = z.infer<typeof ReassignBody>;

export const ReassignResult = z.object({
  moved: z.number().int(),
  unchanged: z.number().int(),
  linked: z.array(z.object({ caseId: z.string(), caseNo: z.string(), withCaseNo: z.string() })),
  toCollector: z
    .object({ id: z.string(), name: z.string(), load: z.number().int(), capacity: z.number().int() })
    .nullable(),
  toTeam: z.object({ id: z.string(), name: z.string() }),
  overCapacity: z.boolean(),
  message: Text,
});
export type ReassignResult = z.infer<typeof ReassignResult>;

// ——— the team lead's screens ———

const WorkloadFigures = z.object({
  openCases: z.number().int(),
  capacity: z.number().int(),
  loadPct: z.number().int(),
  balanceFen: z.number().int(),
  dueFollowUps: z.number().int(),
  promisesDueToday: z.number().int(),
  contactsToday: z.number().int(),
  brokenPromises: z.number().int(),
});

export const CollectorWorkload = WorkloadFigures.extend({
  collectorId: z.string(),
  name: z.string(),
  active: z.boolean(),
});
export type CollectorWorkload = z.infer<typeof CollectorWorkload>;

export const TeamWorkload = z.object({
  teamId: z.string(),
  teamCode: z.string(),
  teamName: z.string(),
  capacityPerCollector: z.number().int(),
  collectors: z.array(CollectorWorkload),
  unassignedCases: z.number().int(),
  totals: WorkloadFigures,
});
export type TeamWorkload = z.infer<typeof TeamWorkload>;

export const WorkloadQuery = z.object({ teamId: z.string().max(64).optional() });
export const WorkloadBody = z.object({ asOf: z.string(), teams: z.array(TeamWorkload) });
export type WorkloadBody = z.infer<typeof WorkloadBody>;

export const TeamQueueQuery = z.object({
  teamId: z.string().max(64).optional(),
  /** A collector's id, or 'none' for the team's cases without a collector. */
  collectorId: z.string().max(64).optional(),
  bucket: z.string().max(16).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TeamQueueQuery = z.input<typeof TeamQueueQuery>;

export const TeamQueueItem = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  portfolioCode: z.string(),
  debtorName: z.string(),
  collectorId: z.string().nullable(),
  collectorName: z.string().nullable(),
  teamName: z.string().nullable(),
  priority: z.number().int(),
  bucket: z.string(),
  daysPastDue: z.number().int(),
  balanceFen: z.number().int(),
  followUpAt: z.string().nullable(),
  segmentKey: z.string().nullable(),
  /** The segment's name in the strategy version the batch applied. */
  segmentName: z.object({ zh: z.string(), en: z.string() }).nullable(),
  flags: z.object({ complaintFreeze: z.boolean(), legalHold: z.boolean() }),
});
export type TeamQueueItem = z.infer<typeof TeamQueueItem>;
export const TeamQueueBody = z.object({
  items: z.array(TeamQueueItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TeamQueueBody = z.infer<typeof TeamQueueBody>;

export const AssignmentOptions = z.object({
  teams: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      collectors: z.number().int(),
      capacityPerCollector: z.number().int(),
    }),
  ),
  collectors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      teamId: z.string().nullable(),
      teamName: z.string().nullable(),
      load: z.number().int(),
      capacity: z.number().int(),
    }),
  ),
  agencies: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});
export type AssignmentOptions = z.infer<typeof AssignmentOptions>;

// ——— placements ———

export const PlacementFilter = z.object({
  buckets: z.array(z.string().max(16)).max(20).optional(),
  minDaysPastDue: z.number().int().optional(),
  segmentKey: z.string().max(64).optional(),
});
export type PlacementFilter = z.infer<typeof PlacementFilter>;

export const PlacementCreateBody = z.object({
  portfolioCode: z.string().min(1).max(64),
  agencyCode: z.string().min(1).max(64),
  caseIds: z.array(z.string().max(64)).max(20_000).optional(),
  filter: PlacementFilter.optional(),
  startsOn: z.string().max(10),
  endsOn: z.string().max(10),
  note: z.string().max(2000).optional(),
});
export type PlacementCreateBody = z.infer<typeof PlacementCreateBody>;

export const PlacementPreviewQuery = z.object({
  portfolioCode: z.string().min(1).max(64),
  /** Bucket codes, comma-separated. */
  buckets: z.string().max(200).optional(),
  minDaysPastDue: z.coerce.number().int().optional(),
  segmentKey: z.string().max(64).optional(),
});
export type PlacementPreviewQuery = z.input<typeof PlacementPreviewQuery>;

export const PlacementPreview = z.object({
  eligible: z.number().int(),
  balanceFen: z.number().int(),
  excluded: z.object({
    alreadyPlaced: z.number().int(),
    complaintFreeze: z.number().int(),
    legalHold: z.number().int(),
  }),
});
export type PlacementPreview = z.infer<typeof PlacementPreview>;

export const PlacementStatus = z.enum(['active', 'recalled', 'ended']);
export const Placement = z.object({
  id: z.string(),
  portfolioCode: z.string(),
  agencyId: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: PlacementStatus,
  cases: z.number().int(),
  stillPlaced: z.number().int(),
  balanceFen: z.number().int(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  recalledAt: z.string().nullable(),
});
export type Placement = z.infer<typeof Placement>;
export const PlacementListQuery = z.object({
  portfolioCode: z.string().max(64).optional(),
  status: PlacementStatus.optional(),
});
export const PlacementList = z.object({ items: z.array(Placement) });
export type PlacementList = z.infer<typeof PlacementList>;

export const RecallBody = z.object({ reason: z.string().max(2000) });
export const RecallResult = z.object({
  placementId: z.string(),
  status: z.enum(['recalled', 'ended']),
  recalled: z.number().int(),
  toPreviousCollector: z.number().int(),
  reassigned: z.number().int(),
  unassigned: z.number().int(),
  unplanned: z.array(UnplannedCase),
});
export type RecallResult = z.infer<typeof RecallResult>;

// ——— why a case is where it is ———

export const AssignmentHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  rule: z.string(),
  reason: Text,
  fromCollector: z.string().nullable(),
  toCollector: z.string().nullable(),
  fromTeam: z.string().nullable(),
  toTeam: z.string().nullable(),
  agency: z.string().nullable(),
  by: z.string().nullable(),
});
export type AssignmentHistoryEntry = z.infer<typeof AssignmentHistoryEntry>;
export const AssignmentHistoryBody = z.object({ items: z.array(AssignmentHistoryEntry) });
export type AssignmentHistoryBody = z.infer<typeof AssignmentHistoryBody>;
