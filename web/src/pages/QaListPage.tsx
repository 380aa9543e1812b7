import { CloudUploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { useCollectors } from '../api/hooks';
import type { TranscriptList, TranscriptListQuery, TranscriptSummary } from '../api/types';
import { LoadError } from '../components/Results';
import { ScoreTag } from '../components/ScoreTag';
import { formatCount, formatDateTime } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { usePermission } from '../session';

type Status = NonNullable<TranscriptListQuery['status']>;
const statuses: readonly Status[] = ['needs_review', 'reviewed', 'clean', 'violation'];
const statusKey: Record<Status, string> = {
  needs_review: 'qa.statusNeedsReview',
  reviewed: 'qa.statusReviewed',
  clean: 'qa.statusClean',
  violation: 'qa.statusViolation',
};

/** The list's filters live in the URL (a reload or a link from the scores page shows the same list). */
function readQuery(params: URLSearchParams) {
  const positive = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const status = params.get('status');
  return {
    collector: params.get('collector') ?? undefined,
    agency: params.get('agency') ?? undefined,
    status: statuses.includes(status as Status) ? (status as Status) : undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    q: params.get('q') ?? undefined,
    page: positive('page', 1),
    pageSize: Math.min(positive('pageSize', 20), 200),
  } satisfies TranscriptListQuery;
}

/** Red-line and warning counts of a call, or "no findings". */
export function FindingCounts({ errors, warnings }: { errors: number; warnings: number }) {
  const { t } = useTranslation();
  if (errors === 0 && warnings === 0) return <Tag color="success">{t('qa.noFindings')}</Tag>;
  return (
    <Space size={4}>
      {errors > 0 && <Tag color="error">{t('qa.errorsN', { n: errors })}</Tag>}
      {warnings > 0 && <Tag color="warning">{t('qa.warningsN', { n: warnings })}</Tag>}
    </Space>
  );
}

export function QaListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const canUpload = usePermission('qa.upload');
  const canFilterCollector = usePermission('users.read');
  const collectors = useCollectors();
  const [search, setSearch] = useState(query.q ?? '');
  useEffect(() => setSearch(query.q ?? ''), [query.q]);

  const list = useQuery({
    queryKey: ['qa', 'transcripts', query],
    queryFn: () => api.get<TranscriptList>('/qa/transcripts', query),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('page');
    setParams(next);
  };

  const columns: TableColumnsType<TranscriptSummary> = [
    {
      title: t('qa.occurredAt'),
      dataIndex: 'occurredAt',
      width: 140,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('qa.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, row) => (
        <Link to={`/qa/transcripts/${row.id}`} onClick={(e) => e.stopPropagation()} className="qa-title-link">
          {title}
        </Link>
      ),
    },
    {
      title: t('qa.collector'),
      dataIndex: 'collectorName',
      width: 110,
      ellipsis: true,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('qa.unit'),
      dataIndex: 'agencyName',
      width: 150,
      ellipsis: true,
      render: (name: string | null, row) => name ?? row.teamName ?? t('qa.inHouse'),
    },
    { title: t('qa.caseNo'), dataIndex: 'caseNo', width: 112, render: (v: string | null) => v ?? '—' },
    {
      title: t('qa.party'),
      dataIndex: 'party',
      width: 96,
      render: (party: string) => codeLabel(t, 'party', party),
    },
    {
      title: t('qa.findings'),
      key: 'findings',
      width: 170,
      render: (_: unknown, row) => <FindingCounts errors={row.errors} warnings={row.warnings} />,
    },
    {
      title: t('qa.open'),
      dataIndex: 'open',
      width: 80,
      align: 'right',
      render: (open: number) => (open > 0 ? <Tag color="processing">{formatCount(open)}</Tag> : '0'),
    },
    {
      title: t('qa.score'),
      dataIndex: 'score',
      width: 90,
      align: 'right',
      render: (score: number, row) =>
        row.open > 0 ? (
          <Tooltip title={t('qa.provisional')}>
            <span>
              <ScoreTag score={score} provisional />
            </span>
          </Tooltip>
        ) : (
          <ScoreTag score={score} />
        ),
    },
  ];

  const pagination: TablePaginationConfig = {
    current: query.page,
    pageSize: query.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (total) => t('common.total', { total: formatCount(total) }),
  };

  const filteredBy = [
    query.collector
      ? {
          key: 'collector',
          label: `${t('qa.collector')}：${
            collectors.data?.find((c) => c.id === query.collector)?.displayName ??
            list.data?.items.find((i) => i.collectorId === query.collector)?.collectorName ??
            query.collector.slice(0, 8)
          }`,
        }
      : null,
    query.agency
      ? {
          key: 'agency',
          label: `${t('qa.agency')}：${
            query.agency === 'none'
              ? t('qa.inHouse')
              : (list.data?.items.find((i) => i.agencyId === query.agency)?.agencyName ??
                query.agency.slice(0, 8))
          }`,
        }
      : null,
  ].filter((x): x is { key: string; label: string } => x !== null);

  return (
    <div className="page">
      <Card
        title={t('qa.listTitle')}
        extra={
          canUpload && (
            <Link to="/qa/upload">
              <Button type="primary" icon={<CloudUploadOutlined />} className="qa-upload-button">
                {t('qa.upload')}
              </Button>
            </Link>
          )
        }
        className="table-card"
      >
        <Space wrap className="qa-filters">
          {canFilterCollector && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              className="filter-collector"
              placeholder={t('qa.allCollectors')}
              value={query.collector}
              onChange={(value?: string) => update({ collector: value })}
              options={(collectors.data ?? []).map((user) => ({
                value: user.id,
                label: user.teamName ? `${user.displayName}（${user.teamName}）` : user.displayName,
              }))}
            />
          )}
          <Select
            allowClear
            className="filter-status"
            placeholder={t('qa.allStatuses')}
            value={query.status}
            onChange={(value?: Status) => update({ status: value })}
            options={statuses.map((s) => ({ value: s, label: t(statusKey[s]) }))}
          />
          <DatePicker.RangePicker
            className="filter-period"
            value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
            onChange={(range) =>
              update({
                from: range?.[0]?.format('YYYY-MM-DD'),
                to: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
          <Input.Search
            allowClear
            className="filter-search"
            placeholder={t('qa.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
          />
          {filteredBy.length > 0 && (
            <Space size={4}>
              <Typography.Text type="secondary">{t('qa.filteredBy')}</Typography.Text>
              {filteredBy.map((f) => (
                <Tag key={f.key} closable onClose={() => update({ [f.key]: undefined })}>
                  {f.label}
                </Tag>
              ))}
            </Space>
          )}
        </Space>
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<TranscriptSummary>
            size="middle"
            rowKey="id"
            className="qa-table"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            pagination={pagination}
            scroll={{ x: 1100 }}
            locale={{ emptyText: t('qa.empty') }}
            onChange={(p) => update({ page: p.current, pageSize: p.pageSize }, false)}
            onRow={(row) => ({
              onClick: () => navigate(`/qa/transcripts/${row.id}`),
              className: 'clickable-row',
            })}
          />
        )}
      </Card>
    </div>
  );
}
