import { SafetyCertificateFilled } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { type LeaderboardRow, useCohorts, useLeaderboard } from '../api/training';
import { LoadError } from '../components/Results';
import '../components/training/training.css';

const ALL = '';

/** 排行榜: trainees ranked by scenarios passed and average best score, for one cohort or everyone. */
export function TrainingLeaderboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const cohortId = params.get('cohort') || null;
  const cohorts = useCohorts();
  const board = useLeaderboard(cohortId);

  const columns: TableColumnsType<LeaderboardRow> = [
    {
      title: t('training.columns.rank'),
      dataIndex: 'rank',
      width: 72,
      align: 'center',
      render: (rank: number) => (
        <span className={`leaderboard-rank leaderboard-rank-${rank}`} data-rank={rank}>
          {rank}
        </span>
      ),
    },
    {
      title: t('training.columns.trainee'),
      key: 'trainee',
      render: (_: unknown, row) => (
        <Link to={`/training/trainees/${row.trainee.id}`} className="leaderboard-trainee">
          {row.trainee.displayName}
        </Link>
      ),
    },
    {
      title: t('training.columns.scenariosPassed'),
      dataIndex: 'scenariosPassed',
      width: 120,
      align: 'right',
      render: (n: number) => <span className="score-cell">{n}</span>,
    },
    {
      title: t('training.columns.averageBest'),
      dataIndex: 'averageBest',
      width: 140,
      align: 'right',
      render: (n: number | null) => <span className="score-cell">{n ?? '—'}</span>,
    },
    { title: t('training.columns.calls'), dataIndex: 'calls', width: 110, align: 'right' },
    {
      title: t('training.columns.violations'),
      dataIndex: 'violations',
      width: 100,
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="error">{n}</Tag> : '0'),
    },
    {
      title: t('training.columns.certified'),
      dataIndex: 'certified',
      width: 120,
      render: (certified: boolean) =>
        certified ? (
          <Tag color="success" icon={<SafetyCertificateFilled />}>
            {t('training.certified')}
          </Tag>
        ) : (
          <Tag>{t('training.notCertified')}</Tag>
        ),
    },
  ];

  const onCohort = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('cohort', value);
    else next.delete('cohort');
    setParams(next, { replace: true });
  };

  return (
    <div className="page training-leaderboard">
      <Card>
        <Typography.Title level={4} className="section-title">
          {t('training.leaderboard.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="training-intro">
          {t('training.leaderboard.hint')}
        </Typography.Paragraph>
        <div className="filter-bar">
          <Space size={6}>
            <span>{t('training.leaderboard.cohort')}</span>
            <Select
              value={cohortId ?? ALL}
              onChange={onCohort}
              loading={cohorts.isPending}
              options={[
                { value: ALL, label: t('training.leaderboard.allTrainees') },
                ...(cohorts.data ?? []).map((cohort) => ({ value: cohort.id, label: cohort.name })),
              ]}
              className="leaderboard-cohort"
            />
          </Space>
        </div>
        {board.isError ? (
          <LoadError error={board.error} onRetry={() => board.refetch()} />
        ) : (
          <Table<LeaderboardRow>
            rowKey={(row) => row.trainee.id}
            size="middle"
            columns={columns}
            dataSource={board.data?.rows ?? []}
            loading={board.isPending || board.isPlaceholderData}
            pagination={false}
            className="leaderboard-table"
            locale={{ emptyText: t('training.leaderboard.empty') }}
          />
        )}
      </Card>
    </div>
  );
}
