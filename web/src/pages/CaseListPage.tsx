import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { useCollectors, usePortfolios } from '../api/hooks';
import type { CaseList, CaseListQuery, CaseSummary } from '../api/types';
import { BucketTag } from '../components/BucketTag';
import { CaseFlagTags } from '../components/CaseFlagTags';
import { LoadError } from '../components/Results';
import { bucketOptions } from '../lib/buckets';
import { formatCount, formatFen } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { usePermission } from '../session';

type Sort = NonNullable<CaseListQuery['sort']>;
const sorts: readonly Sort[] = ['priority', 'dpd_desc', 'dpd_asc', 'balance_desc', 'balance_asc', 'case_no'];
const pageSizes = [20, 50, 100, 200];

/** The list's filters live in the URL so that a reload or a shared link shows the same list. */
function readQuery(params: URLSearchParams) {
  const positive = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const sort = params.get('sort');
  const status = params.get('status');
  return {
    portfolio: params.get('portfolio') ?? undefined,
    bucket: params.get('bucket') ?? undefined,
    status: status === 'open' || status === 'closed' ? status : undefined,
    collector: params.get('collector') ?? undefined,
    q: params.get('q') ?? undefined,
    page: positive('page', 1),
    pageSize: Math.min(positive('pageSize', 20), 200),
    sort: sorts.includes(sort as Sort) ? (sort as Sort) : 'priority',
  } satisfies CaseListQuery;
}

type ListQuery = ReturnType<typeof readQuery>;

function sortOrderFor(sort: Sort, column: 'dpd' | 'balance' | 'case_no') {
  if (column === 'case_no') return sort === 'case_no' ? 'ascend' : null;
  if (sort === `${column}_desc`) return 'descend';
  if (sort === `${column}_asc`) return 'ascend';
  return null;
}

export function CaseListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const canFilterCollector = usePermission('users.read');
  const portfolios = usePortfolios();
  const collectors = useCollectors();
  const [search, setSearch] = useState(query.q ?? '');

  // Keep the box in step with the URL (back/forward, links from the home page).
  useEffect(() => setSearch(query.q ?? ''), [query.q]);

  const cases = useQuery({
    queryKey: ['cases', query],
    queryFn: () =>
      api.get<CaseList>('/cases', { ...query, sort: query.sort === 'priority' ? undefined : query.sort }),
    placeholderData: keepPreviousData,
  });

  const update = (
    changes: Partial<Record<keyof ListQuery, string | number | undefined>>,
    resetPage = true,
  ) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (key === 'sort' && value === 'priority')) next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('page');
    setParams(next);
  };

  const portfolioOptions = (portfolios.data ?? []).map((p) => ({
    value: p.code,
    label: `${p.name}（${p.code}）`,
  }));
  const buckets = bucketOptions(portfolios.data, query.portfolio);
  const collectorOptions = [
    { value: 'none', label: t('cases.unassigned') },
    ...(collectors.data ?? []).map((user) => ({
      value: user.id,
      label: user.teamName ? `${user.displayName}（${user.teamName}）` : user.displayName,
    })),
  ];

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.caseNo'),
      dataIndex: 'caseNo',
      key: 'case_no',
      width: 108,
      fixed: 'left',
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sortOrderFor(query.sort, 'case_no'),
      render: (caseNo: string, row) => (
        <Link
          to={`/cases/${row.id}`}
          state={{ listSearch: location.search }}
          onClick={(e) => e.stopPropagation()}
        >
          {caseNo}
        </Link>
      ),
    },
    { title: t('cases.name'), dataIndex: 'debtorName', width: 72, ellipsis: true },
    {
      title: t('cases.phone'),
      dataIndex: 'phone',
      width: 108,
      render: (phone: string | null) => phone ?? '—',
    },
    { title: t('cases.contractNo'), dataIndex: 'contractNo', width: 212, ellipsis: true },
    { title: t('cases.product'), dataIndex: 'product', width: 80, ellipsis: true },
    {
      title: t('cases.bucket'),
      dataIndex: 'bucket',
      width: 60,
      render: (bucket: string, row) => (
        <BucketTag bucket={bucket} portfolioCode={row.portfolioCode} daysPastDue={row.daysPastDue} />
      ),
    },
    {
      title: t('cases.dpd'),
      dataIndex: 'daysPastDue',
      key: 'dpd',
      width: 88,
      align: 'right',
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderFor(query.sort, 'dpd'),
    },
    {
      title: t('cases.balance'),
      dataIndex: 'balanceFen',
      key: 'balance',
      width: 112,
      align: 'right',
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sortOrderFor(query.sort, 'balance'),
      render: (fen: number) => <span className="amount">{formatFen(fen)}</span>,
    },
    {
      title: t('cases.collector'),
      dataIndex: 'collectorName',
      width: 110,
      ellipsis: true,
      render: (name: string | null, row) => {
        if (name) return name;
        if (row.agencyName) return <span title={row.agencyName}>{row.agencyName}</span>;
        return <Typography.Text type="secondary">{t('cases.unassigned')}</Typography.Text>;
      },
    },
    {
      title: t('cases.status'),
      dataIndex: 'status',
      width: 64,
      render: (status: string) => (
        <Tag color={status === 'open' ? 'processing' : 'default'}>{codeLabel(t, 'caseStatus', status)}</Tag>
      ),
    },
    {
      title: t('cases.flags'),
      key: 'flags',
      width: 160,
      render: (_: unknown, row) => <CaseFlagTags flags={row.flags} />,
    },
  ];

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<CaseSummary> | SorterResult<CaseSummary>[],
  ) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    let sort: Sort = 'priority';
    if (single?.order) {
      if (single.columnKey === 'case_no') sort = 'case_no';
      else if (single.columnKey === 'dpd') sort = single.order === 'ascend' ? 'dpd_asc' : 'dpd_desc';
      else if (single.columnKey === 'balance')
        sort = single.order === 'ascend' ? 'balance_asc' : 'balance_desc';
    }
    const pageSize = pagination.pageSize ?? query.pageSize;
    const sortChanged = sort !== query.sort;
    const sizeChanged = pageSize !== query.pageSize;
    update(
      {
        sort,
        pageSize: pageSize === 20 ? undefined : pageSize,
        page: sortChanged || sizeChanged || pagination.current === 1 ? undefined : pagination.current,
      },
      false,
    );
  };

  const hasFilters = Boolean(query.portfolio || query.bucket || query.status || query.collector || query.q);

  return (
    <div className="page">
      <Card className="filter-card" size="small">
        <Space wrap size={[12, 12]} className="case-filters">
          <Select
            aria-label={t('cases.portfolio')}
            className="filter-portfolio"
            placeholder={t('cases.allPortfolios')}
            allowClear
            value={query.portfolio}
            loading={portfolios.isPending}
            options={portfolioOptions}
            onChange={(value?: string) => update({ portfolio: value, bucket: undefined })}
          />
          <Select
            aria-label={t('cases.bucket')}
            className="filter-bucket"
            placeholder={t('cases.allBuckets')}
            allowClear
            value={query.bucket}
            options={buckets.map((code) => ({ value: code, label: code }))}
            onChange={(value?: string) => update({ bucket: value })}
          />
          <Select
            aria-label={t('cases.status')}
            className="filter-status"
            placeholder={t('cases.allStatuses')}
            allowClear
            value={query.status}
            options={[
              { value: 'open', label: t('caseStatus.open') },
              { value: 'closed', label: t('caseStatus.closed') },
            ]}
            onChange={(value?: string) => update({ status: value })}
          />
          {canFilterCollector && (
            <Select
              aria-label={t('cases.collector')}
              className="filter-collector"
              placeholder={t('cases.allCollectors')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={query.collector}
              loading={collectors.isPending}
              options={collectorOptions}
              onChange={(value?: string) => update({ collector: value })}
            />
          )}
          <Input.Search
            className="filter-search"
            placeholder={t('cases.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            value={search}
            maxLength={64}
            onChange={(event) => {
              setSearch(event.target.value);
              if (event.target.value === '' && query.q) update({ q: undefined });
            }}
            onSearch={(value) => update({ q: value.trim() || undefined })}
          />
          {hasFilters && (
            <Button onClick={() => setParams(new URLSearchParams())}>{t('common.reset')}</Button>
          )}
        </Space>
      </Card>
      <Card size="small" className="table-card">
        {cases.isError ? (
          <LoadError error={cases.error} onRetry={() => cases.refetch()} />
        ) : (
          <Table<CaseSummary>
            size="small"
            rowKey="id"
            className="case-table"
            columns={columns}
            dataSource={cases.data?.items}
            loading={cases.isFetching}
            scroll={{ x: 1170 }}
            locale={{ emptyText: t('cases.empty') }}
            onChange={onTableChange}
            onRow={(row) => ({
              onClick: () => navigate(`/cases/${row.id}`, { state: { listSearch: location.search } }),
              className: 'clickable-row',
            })}
            pagination={{
              current: cases.data?.page ?? query.page,
              pageSize: cases.data?.pageSize ?? query.pageSize,
              total: cases.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: pageSizes,
              showTotal: (total) => t('common.total', { total: formatCount(total) }),
            }}
          />
        )}
      </Card>
    </div>
  );
}
