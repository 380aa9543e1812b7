import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LintFinding } from '../api/types';
import { codeLabel } from '../lib/labels';

/** Lint findings of a template: severity, category, the quoted words, why, and a compliant alternative. */
export function LintFindingList({
  findings,
  className,
  selected,
  onSelect,
  compact,
}: {
  findings: readonly LintFinding[];
  className?: string;
  selected?: number | null;
  onSelect?: (index: number) => void;
  /** Only severity, category and the quoted words (e.g. when the full list is shown beside). */
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <div className={`lint-findings ${className ?? ''}`}>
      {findings.map((f, index) => (
        <div
          key={`${f.rule}-${f.start}-${f.end}`}
          className={`lint-finding qa-finding qa-finding-${f.severity}${selected === index ? ' qa-finding-selected' : ''}`}
          data-rule={f.rule}
          data-severity={f.severity}
        >
          <div className="qa-finding-head">
            <Space size={6} wrap>
              <Tag color={f.severity === 'error' ? 'red' : 'gold'} className="qa-severity">
                {codeLabel(t, 'severity', f.severity)}
              </Tag>
              <Typography.Text strong className="qa-category">
                {codeLabel(t, 'qaCategory', f.category)}
              </Typography.Text>
            </Space>
          </div>
          <button
            type="button"
            className="qa-finding-quote"
            onClick={onSelect ? () => onSelect(index) : undefined}
          >
            <span className="qa-quote-text">{f.quote ? `“${f.quote}”` : t('templates.wholeText')}</span>
          </button>
          {!compact && f.ruleInfo && (
            <>
              <div className="qa-finding-section">
                <div className="qa-finding-label">{t('qa.explanation')}</div>
                <div className="qa-explanation">
                  {en ? f.ruleInfo.explanation.en : f.ruleInfo.explanation.zh}
                </div>
              </div>
              <div className="qa-finding-section qa-alternative-box">
                <div className="qa-finding-label">{t('qa.alternative')}</div>
                <div className="qa-alternative">{f.ruleInfo.alternative}</div>
              </div>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
