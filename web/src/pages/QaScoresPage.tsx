import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Alert, Card, Col, DatePicker, Row, Statistic, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { ComplianceScores, ScoreRow } from '../api/types';
import { LoadError } from '../components/Results';
import { ScoreTag } from '../components/ScoreTag';
import { formatCount } from '../lib/format';

type GroupBy = 'collector' | 'agency';

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function QaScoresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const groupBy: GroupBy = params.get('groupBy') === 'agency' ? 'agency' : 'collector';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;

  const scores = useQuery({
    queryKey: ['qa', 'scores', groupBy, from ?? null, to ?? null],
    queryFn: () => api.get<ComplianceScores>('/qa/scores', { groupBy, from, to }),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  const data = scores.data;
  const listLink = (row: ScoreRow) => {
    const query = new URLSearchParams();
    if (groupBy === 'collector' && row.id) query.set('collector', row.id);
    if (groupBy === 'agency') query.set('agency', row.id ?? 'none');
    if (data) {
      query.set('from', data.from);
      query.set('to', data.to);
    }
    return `/qa?${query.toString()}`;
  };

  const columns: TableColumnsType<ScoreRow> = [
    {
      title: groupBy === 'collector' ? t('qa.collector') : t('qa.agency'),
      dataIndex: 'name',
      width: 200,
      ellipsis: true,
      render: (name: string | null, row) => {
        const label = name ?? (groupBy === 'collector' ? t('qa.unassignedCollector') : t('qa.inHouse'));
        return groupBy === 'collector' && !row.id ? label : <Link to={listLink(row)}>{label}</Link>;
      },
    },
    ...(groupBy === 'collector'
      ? [
          {
            title: t('qa.unit'),
            key: 'team',
            width: 180,
            ellipsis: true,
            render: (_: unknown, row: ScoreRow) => row.agencyName ?? row.teamName ?? '—',
          },
        ]
      : []),
    {
      title: t('qa.avgScore'),
      dataIndex: 'score',
      width: 110,
      align: 'right',
      sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
      render: (score: number | null, row) => <ScoreTag score={score} provisional={row.openFindings > 0} />,
    },
    {
      title: t('qa.calls'),
      dataIndex: 'calls',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.calls - b.calls,
      render: formatCount,
    },
    {
      title: t('qa.redLineShare'),
      dataIndex: 'redLineShare',
      width: 130,
      align: 'right',
      sorter: (a, b) => a.redLineShare - b.redLineShare,
      render: (share: number, row) => (
        <span className={row.redLineCalls > 0 ? 'text-danger' : undefined}>
          {percent(share)}（{row.redLineCalls}）
        </span>
      ),
    },
    { title: t('qa.confirmedErrors'), dataIndex: 'confirmedErrors', width: 110, align: 'right' },
    { title: t('qa.confirmedWarnings'), dataIndex: 'confirmedWarnings', width: 110, align: 'right' },
    { title: t('qa.openFindings'), dataIndex: 'openFindings', width: 90, align: 'right' },
    { title: t('qa.dismissedFindings'), dataIndex: 'dismissedFindings', width: 90, align: 'right' },
  ];

  const table = scores.isError ? (
    <LoadError error={scores.error} onRetry={() => scores.refetch()} />
  ) : (
    <Table<ScoreRow>
      size="middle"
      rowKey={(row) => row.id ?? 'none'}
      className={`score-table score-table-${groupBy}`}
      columns={columns}
      dataSource={data?.items}
      loading={scores.isFetching}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t('qa.noScores') }}
    />
  );

  return (
    <div className="page">
      <Card
        title={t('qa.scoresTitle')}
        extra={
          <DatePicker.RangePicker
            className="score-period"
            allowClear={false}
            value={data ? [dayjs(data.from), dayjs(data.to)] : null}
            onChange={(range) =>
              update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
          />
        }
      >
        <Alert type="info" showIcon title={t('qa.scoreRule')} className="score-rule" />
        {data && (
          <Row gutter={[32, 16]} className="score-totals">
            <Col xs={12} md={6}>
              <Statistic
                title={t('qa.avgScore')}
                value={data.total.score ?? 0}
                valueRender={() => (
                  <ScoreTag score={data.total.score} provisional={data.total.openFindings > 0} />
                )}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('qa.calls')} value={formatCount(data.total.calls)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('qa.redLineShare')} value={percent(data.total.redLineShare)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('qa.openFindings')} value={formatCount(data.total.openFindings)} />
            </Col>
          </Row>
        )}
        <Tabs
          activeKey={groupBy}
          onChange={(key) => update({ groupBy: key === 'agency' ? 'agency' : undefined })}
          items={[
            {
              key: 'collector',
              label: t('qa.byCollector'),
              children: groupBy === 'collector' ? table : null,
            },
            { key: 'agency', label: t('qa.byAgency'), children: groupBy === 'agency' ? table : null },
          ]}
        />
      </Card>
    </div>
  );
}
