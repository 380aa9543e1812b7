import { Card, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type AssignmentHistoryEntry, useAssignmentHistory } from '../../api/assignment';
import { formatDateTime } from '../../lib/format';
import { useErrorText } from '../../session';

const ruleColor: Record<string, string> = {
  same_debtor: 'geekblue',
  balanced: 'blue',
  manual: 'orange',
  placement: 'purple',
  recall: 'cyan',
  import: 'default',
};

/** Where the case went: "张三 → 李四", "→ 委外机构 华信", or the team when no collector. */
function Move({ entry }: { entry: AssignmentHistoryEntry }) {
  const { t } = useTranslation();
  const side = (collector: string | null, team: string | null) =>
    collector ?? (team ? t('assignment.history.teamPool', { team }) : null);
  const from =
    entry.rule === 'recall'
      ? t('assignment.history.toAgency', { name: entry.agency ?? '—' })
      : side(entry.fromCollector, entry.fromTeam);
  const to =
    entry.rule === 'placement'
      ? t('assignment.history.toAgency', { name: entry.agency ?? '—' })
      : (side(entry.toCollector, entry.toTeam) ?? t('assignment.history.noCollector'));
  return (
    <Typography.Text strong className="assignment-move">
      {from ? `${from} → ${to}` : `→ ${to}`}
    </Typography.Text>
  );
}

/**
 * 为何在此: every assignment, reassignment, placement and recall of the case, newest first, with the
 * reason. Stacked below another card by default (`style` overrides the top margin).
 */
export function AssignmentHistory({
  caseId,
  style = { marginTop: 16 },
}: {
  caseId: string;
  style?: CSSProperties;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const history = useAssignmentHistory(caseId);
  const en = i18n.language === 'en';

  let body: ReactNode;
  if (history.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (history.isError)
    body = <Typography.Text type="danger">{errorText(history.error)}</Typography.Text>;
  else if (history.data.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assignment.history.empty')} />;
  else
    body = (
      <Timeline
        className="assignment-history-list"
        items={history.data.map((entry) => ({
          key: entry.id,
          color: entry.rule === 'manual' ? 'orange' : entry.rule === 'placement' ? 'purple' : 'blue',
          content: (
            <div className="assignment-history-entry" data-rule={entry.rule}>
              <Space size={8} wrap>
                <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
                <Tag color={ruleColor[entry.rule] ?? 'default'} className="assignment-rule">
                  {t(`assignment.rule.${entry.rule}`, { defaultValue: entry.rule })}
                </Tag>
                <Move entry={entry} />
              </Space>
              <div className="assignment-reason">{en ? entry.reason.en : entry.reason.zh}</div>
              <Typography.Text type="secondary" className="assignment-by">
                {t('assignment.history.by', { name: entry.by ?? t('assignment.history.system') })}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    );

  return (
    <Card title={t('assignment.history.title')} className="assignment-history" style={style}>
      {body}
    </Card>
  );
}
