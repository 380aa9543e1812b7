import type { TableColumnsType } from 'antd';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { pick, type SessionListItem } from '../../api/training';
import { formatDateTime } from '../../lib/format';
import { codeLabel } from '../../lib/labels';
import { Difficulty } from './ScenarioTags';
import { PassTag } from './TrainingReport';
import './training.css';

/**
 * Role-play calls as a table (progress history, 练习记录): a row opens the call with its report.
 * `withTrainee` adds the trainee's column (linking to their progress when `traineeLinks`).
 */
export function SessionTable({
  sessions,
  loading,
  withTrainee = false,
  traineeLinks = false,
  emptyText,
  pageSize = 20,
}: {
  sessions: readonly SessionListItem[];
  loading?: boolean;
  withTrainee?: boolean;
  traineeLinks?: boolean;
  emptyText?: string;
  pageSize?: number;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const columns: TableColumnsType<SessionListItem> = [
    {
      title: t('training.columns.startedAt'),
      dataIndex: 'startedAt',
      width: 150,
      render: (value: string) => formatDateTime(value),
    },
    ...(withTrainee
      ? [
          {
            title: t('training.columns.trainee'),
            key: 'trainee',
            width: 120,
            render: (_: unknown, row: SessionListItem) =>
              traineeLinks ? (
                <Link
                  to={`/training/trainees/${row.trainee.id}`}
                  onClick={(event) => event.stopPropagation()}
                  className="session-trainee-link"
                >
                  {row.trainee.displayName}
                </Link>
              ) : (
                row.trainee.displayName
              ),
          },
        ]
      : []),
    {
      title: t('training.columns.scenario'),
      key: 'scenario',
      ellipsis: true,
      render: (_: unknown, row) => (
        <Link
          to={`/training/sessions/${row.id}`}
          onClick={(event) => event.stopPropagation()}
          className="session-link"
          data-scenario-id={row.scenarioId}
        >
          {pick(row.scenarioTitle, i18n.language)}
        </Link>
      ),
    },
    {
      title: t('training.columns.difficulty'),
      dataIndex: 'difficulty',
      width: 130,
      render: (level: 1 | 2 | 3) => <Difficulty level={level} />,
    },
    {
      title: t('training.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: SessionListItem['status']) => (
        <Tag color={status === 'active' ? 'processing' : 'default'}>
          {codeLabel(t, 'training.session.status', status)}
        </Tag>
      ),
    },
    {
      title: t('training.columns.ended'),
      dataIndex: 'ended',
      width: 130,
      render: (ended: string | null) => (ended ? codeLabel(t, 'training.ended', ended) : '—'),
    },
    {
      title: t('training.columns.score'),
      dataIndex: 'score',
      width: 80,
      align: 'right',
      render: (score: number | null) => <span className="score-cell">{score ?? '—'}</span>,
    },
    {
      title: t('training.columns.result'),
      dataIndex: 'passed',
      width: 90,
      render: (passed: boolean | null) => <PassTag passed={passed} />,
    },
    {
      title: t('training.columns.violations'),
      dataIndex: 'violations',
      width: 80,
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="error">{n}</Tag> : '0'),
    },
  ];
  return (
    <Table<SessionListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={sessions as SessionListItem[]}
      loading={loading}
      className="session-table"
      rowClassName="clickable-row"
      onRow={(row) => ({ onClick: () => navigate(`/training/sessions/${row.id}`) })}
      locale={emptyText ? { emptyText } : undefined}
      pagination={
        sessions.length > pageSize
          ? { pageSize, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }
          : false
      }
    />
  );
}
