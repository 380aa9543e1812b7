import type { TableColumnsType } from 'antd';
import { Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { StrategyVersionSummary } from '../../api/strategy';
import { formatDateTime } from '../../lib/format';
import { CHANGE_COLORS, STATUS_COLORS } from './strategyText';

/** Every version of a portfolio's strategy, newest first: who wrote and activated it, the note, what changed. */
export function VersionHistory({ versions }: { versions: StrategyVersionSummary[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const columns: TableColumnsType<StrategyVersionSummary> = [
    {
      title: t('strategy.history.version'),
      dataIndex: 'version',
      width: 120,
      render: (version: number, row) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong className="strategy-history-version">
            {t('strategy.versionTag', { version })}
          </Typography.Text>
          <Typography.Text type="secondary" className="strategy-history-segments">
            {t('strategy.history.segments', { n: row.segmentCount })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('strategy.history.status'),
      dataIndex: 'status',
      width: 96,
      render: (status: StrategyVersionSummary['status']) => (
        <Tag color={STATUS_COLORS[status]} className="strategy-status-tag" data-status={status}>
          {t(`strategy.status.${status}`)}
        </Tag>
      ),
    },
    {
      title: t('strategy.history.author'),
      key: 'author',
      width: 170,
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={0}>
          <span className="strategy-history-author">{row.createdByName ?? t('strategy.system')}</span>
          <Typography.Text type="secondary" className="strategy-history-time">
            {formatDateTime(row.createdAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('strategy.history.activated'),
      key: 'activated',
      width: 170,
      render: (_: unknown, row) =>
        row.activatedAt ? (
          <Space orientation="vertical" size={0}>
            <span>{row.activatedByName ?? t('strategy.system')}</span>
            <Typography.Text type="secondary">{formatDateTime(row.activatedAt)}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('strategy.history.note'),
      dataIndex: 'note',
      width: 220,
      render: (note: string) =>
        note ? (
          <span className="strategy-history-note">{note}</span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('strategy.history.changes'),
      key: 'changes',
      render: (_: unknown, row) => {
        if (row.version === 1 && row.changes.length === 0)
          return <Typography.Text type="secondary">{t('strategy.history.initial')}</Typography.Text>;
        if (row.changes.length === 0)
          return <Typography.Text type="secondary">{t('strategy.history.noChanges')}</Typography.Text>;
        return (
          <ul className="strategy-changes">
            {row.changes.map((change) => (
              <li
                key={`${change.segmentKey}-${change.kind}`}
                data-kind={change.kind}
                data-segment={change.segmentKey}
              >
                <Tag color={CHANGE_COLORS[change.kind]} className="strategy-change-tag">
                  {t(`strategy.change.${change.kind}`)}
                </Tag>
                <span className="strategy-change-text">{en ? change.en : change.zh}</span>
              </li>
            ))}
          </ul>
        );
      },
    },
  ];
  return (
    <Table<StrategyVersionSummary>
      size="middle"
      className="strategy-history-table"
      rowKey="version"
      columns={columns}
      dataSource={versions}
      pagination={versions.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 1080 }}
      onRow={(row) => ({ 'data-version': row.version }) as HTMLAttributes<HTMLElement>}
    />
  );
}
