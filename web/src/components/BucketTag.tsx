import { Tag } from 'antd';
import { usePortfolios } from '../api/hooks';
import { bucketStartDays, severityColor } from '../lib/buckets';

interface BucketTagProps {
  bucket: string | null;
  portfolioCode?: string;
  /** Used for the colour when the bucket is not found in the portfolio's configuration. */
  daysPastDue?: number;
}

/** A delinquency bucket (M1, M2, ...) coloured by severity. */
export function BucketTag({ bucket, portfolioCode, daysPastDue }: BucketTagProps) {
  const { data: portfolios } = usePortfolios();
  if (!bucket) return <Tag>—</Tag>;
  const start = bucketStartDays(portfolios, portfolioCode, bucket) ?? daysPastDue ?? 0;
  return (
    <Tag color={severityColor(start)} className="bucket-tag">
      {bucket}
    </Tag>
  );
}
