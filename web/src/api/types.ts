/**
 * The HTTP contract's types, taken from the server's zod schemas. Type-only imports: no zod reaches the
 * bundle.
 */
import type { z } from 'zod';
import type {
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseSummary,
  ComplianceScores,
  CreatePortfolioBody as CreatePortfolioBodySchema,
  EffectiveRuleValues,
  ErrorBody,
  Health,
  HouseRules,
  HouseRulesBody,
  ImportBatch as ImportBatchSchema,
  ImportResult,
  LintFinding,
  LintResult,
  Me,
  Portfolio,
  PortfolioCompliance,
  QaFinding,
  QaUploadProblem,
  QaUploadResult,
  RejectedRow,
  RevealBody as RevealBodySchema,
  RevealResult as RevealResultSchema,
  RoleCode,
  RuleOrigin,
  SavedTemplate,
  ScoreRow,
  SpeechRuleCatalogue,
  Template,
  TemplateDetail,
  TranscriptDetail,
  TranscriptList,
  TranscriptListQuery,
  TranscriptSummary,
  UserRef as UserRefSchema,
} from '../../../src/api/contract';

export type {
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseSummary,
  ComplianceScores,
  EffectiveRuleValues,
  ErrorBody,
  HouseRules,
  HouseRulesBody,
  ImportResult,
  LintFinding,
  LintResult,
  Me,
  Portfolio,
  PortfolioCompliance,
  QaFinding,
  QaUploadProblem,
  QaUploadResult,
  RejectedRow,
  RoleCode,
  RuleOrigin,
  SavedTemplate,
  ScoreRow,
  SpeechRuleCatalogue,
  Template,
  TemplateDetail,
  TranscriptDetail,
  TranscriptList,
  TranscriptListQuery,
  TranscriptSummary,
};
export type HealthInfo = z.infer<typeof Health>;
export type ImportBatch = z.infer<typeof ImportBatchSchema>;
export type UserRef = z.infer<typeof UserRefSchema>;
export type RevealBody = z.input<typeof RevealBodySchema>;
export type RevealResult = z.infer<typeof RevealResultSchema>;
export type CreatePortfolioBody = z.input<typeof CreatePortfolioBodySchema>;
export type RevealField = RevealBody['field'];
export type CaseFlags = CaseSummary['flags'];
export type Locale = Me['locale'];
export type Severity = QaFinding['severity'];
export type TemplateKind = Template['kind'];
export type TemplateStatus = Template['status'];
export type ReviewAction = 'confirm' | 'dismiss' | 'reopen';
export type SpeechRule = SpeechRuleCatalogue['rules'][number];
