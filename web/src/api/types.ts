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
  CreatePortfolioBody as CreatePortfolioBodySchema,
  ErrorBody,
  Health,
  ImportBatch as ImportBatchSchema,
  ImportResult,
  Me,
  Portfolio,
  RejectedRow,
  RevealBody as RevealBodySchema,
  RevealResult as RevealResultSchema,
  RoleCode,
  UserRef as UserRefSchema,
} from '../../../src/api/contract';

export type {
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseSummary,
  ErrorBody,
  ImportResult,
  Me,
  Portfolio,
  RejectedRow,
  RoleCode,
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
