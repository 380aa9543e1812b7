import type { Portfolio } from '../api/types';

/** Tag colour for how far behind a bucket is: the later the bucket, the hotter the colour. */
export function severityColor(days: number): string {
  if (days <= 0) return 'blue';
  if (days <= 30) return 'gold';
  if (days <= 60) return 'orange';
  if (days <= 90) return 'volcano';
  if (days <= 180) return 'red';
  return 'magenta';
}

/** The first day of a bucket in a portfolio's configuration, if known. */
export function bucketStartDays(
  portfolios: readonly Portfolio[] | undefined,
  portfolioCode: string | undefined,
  bucket: string,
): number | undefined {
  if (!portfolios) return undefined;
  const owner = portfolioCode ? portfolios.find((p) => p.code === portfolioCode) : undefined;
  const candidates = owner ? [owner] : portfolios;
  for (const portfolio of candidates) {
    const range = portfolio.buckets.find((b) => b.code === bucket);
    if (range) return range.minDays;
  }
  return undefined;
}

/** Distinct bucket codes: of one portfolio, or of all in their configured order. */
export function bucketOptions(
  portfolios: readonly Portfolio[] | undefined,
  portfolioCode?: string,
): string[] {
  if (!portfolios) return [];
  const chosen = portfolioCode ? portfolios.filter((p) => p.code === portfolioCode) : portfolios;
  const codes: string[] = [];
  for (const portfolio of chosen) {
    for (const range of portfolio.buckets) if (!codes.includes(range.code)) codes.push(range.code);
  }
  return codes;
}
