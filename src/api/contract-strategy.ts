/**
 * The HTTP contract of the collection strategy (催收策略): versions of a portfolio's strategy, a
 * definition's shape (domain/strategy), what changed between versions, and the problems a refused
 * definition has. Zod schemas the server validates and serialises with; the web client imports their
 * types. Amounts are integer fen; moments ISO-8601.
 *
 * Request bodies take the definition as any JSON: the service checks it with `validateStrategy`, which
 * names every problem by its field (e.g. 'segments[2].when.balanceMinFen'), so a refusal is a 400
 * VALIDATION_FAILED with `details.problems` ({field, code, zh, en}).
 */
import { z } from 'zod';
import {
  ESCALATION_ACTIONS,
  RISK_LEVELS,
  STRATEGY_CHANNELS,
  STRATEGY_SCRIPT_STAGES,
} from '../domain/strategy';

export const StrategyStatusBody = z.enum(['draft', 'active', 'retired']);
export type StrategyStatusBody = z.infer<typeof StrategyStatusBody>;

export const SegmentConditionBody = z.object({
  buckets: z.array(z.string()).nullable(),
  classes: z
    .array(z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]))
    .nullable(),
  riskLevels: z.array(z.enum(RISK_LEVELS)).nullable(),
  balanceMinFen: z.number().int().nullable(),
  balanceMaxFen: z.number().int().nullable(),
});
export type SegmentConditionBody = z.infer<typeof SegmentConditionBody>;

export const EscalationBody = z.object({
  id: z.string(),
  action: z.enum(ESCALATION_ACTIONS),
  afterBrokenPromises: z.number().int().nullable(),
  afterDaysPastDue: z.number().int().nullable(),
});
export type EscalationBody = z.infer<typeof EscalationBody>;

export const ActionPlanBody = z.object({
  channels: z.array(z.enum(STRATEGY_CHANNELS)),
  callEveryDays: z.number().int().nullable(),
  sms: z.object({ templateFamilyId: z.string(), everyDays: z.number().int() }).nullable(),
  scriptStage: z.enum(STRATEGY_SCRIPT_STAGES).nullable(),
  escalations: z.array(EscalationBody),
});
export type ActionPlanBody = z.infer<typeof ActionPlanBody>;

export const SegmentBody = z.object({
  key: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  when: SegmentConditionBody,
  plan: ActionPlanBody,
});
export type SegmentBody = z.infer<typeof SegmentBody>;

export const StrategyDefinitionBody = z.object({ segments: z.array(SegmentBody) });
export type StrategyDefinitionBody = z.infer<typeof StrategyDefinitionBody>;

export const StrategyChangeBody = z.object({
  segmentKey: z.string(),
  kind: z.enum(['added', 'removed', 'moved', 'changed']),
  /** The fields that changed, e.g. 'when.balanceMinFen', 'plan.escalations.legal_review'. */
  fields: z.array(z.string()),
  zh: z.string(),
  en: z.string(),
});
export type StrategyChangeBody = z.infer<typeof StrategyChangeBody>;

/** One problem of a refused definition (also in `details.problems` of a 400). */
export const StrategyProblemBody = z.object({
  /** Where in the definition, e.g. 'segments[2].when.balanceMinFen'; '' for the whole definition. */
  field: z.string(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
});
export type StrategyProblemBody = z.infer<typeof StrategyProblemBody>;

export const StrategyVersionSummaryBody = z.object({
  version: z.number().int(),
  status: StrategyStatusBody,
  note: z.string(),
  /** null: written by the system (the demo seed). */
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  activatedByName: z.string().nullable(),
  activatedAt: z.string().nullable(),
  segmentCount: z.number().int(),
  /** What changed from the version before; empty for the first version. */
  changes: z.array(StrategyChangeBody),
});
export type StrategyVersionSummaryBody = z.infer<typeof StrategyVersionSummaryBody>;

export const SmsTemplateChoiceBody = z.object({
  familyId: z.string(),
  name: z.string(),
  version: z.number().int(),
  /** null: a template of every portfolio. */
  portfolioCode: z.string().nullable(),
});
export type SmsTemplateChoiceBody = z.infer<typeof SmsTemplateChoiceBody>;

export const StrategyOverviewBody = z.object({
  portfolio: z.object({ code: z.string(), name: z.string(), buckets: z.array(z.string()) }),
  /** Whether the viewer may create, edit and activate drafts (strategy.manage). */
  canManage: z.boolean(),
  activeVersion: z.number().int().nullable(),
  draftVersion: z.number().int().nullable(),
  /** The published SMS templates a plan may use. */
  smsTemplates: z.array(SmsTemplateChoiceBody),
  /** Newest first. */
  versions: z.array(StrategyVersionSummaryBody),
});
export type StrategyOverviewBody = z.infer<typeof StrategyOverviewBody>;

export const StrategyVersionDetailBody = StrategyVersionSummaryBody.extend({
  portfolioCode: z.string(),
  definition: StrategyDefinitionBody,
  /** What would refuse this version now (a bucket renamed, a template retired); empty when valid. */
  problems: z.array(StrategyProblemBody),
});
export type StrategyVersionDetailBody = z.infer<typeof StrategyVersionDetailBody>;

export const StrategyDefaultBody = z.object({
  definition: StrategyDefinitionBody,
  /** The SMS template the default's SMS plans use; null when the portfolio has no published SMS template. */
  smsTemplateFamilyId: z.string().nullable(),
});
export type StrategyDefaultBody = z.infer<typeof StrategyDefaultBody>;

const Note = z.string().max(500);

export const CreateStrategyDraftBody = z.object({
  /** The definition to start from (checked by the service); without it, a copy of the active version. */
  definition: z.unknown().optional(),
  /** Start from the default strategy for the portfolio's buckets instead. */
  fromDefault: z.boolean().optional(),
  note: Note.optional(),
});
export type CreateStrategyDraftBody = z.infer<typeof CreateStrategyDraftBody>;

export const UpdateStrategyDraftBody = z.object({
  definition: z.unknown(),
  note: Note.optional(),
});
export type UpdateStrategyDraftBody = z.infer<typeof UpdateStrategyDraftBody>;

export const ActivateStrategyBody = z.object({ note: Note.optional() });
export type ActivateStrategyBody = z.infer<typeof ActivateStrategyBody>;
