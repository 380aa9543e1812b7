import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { Button, Card, Checkbox, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { Template, TemplateKind, TemplateStatus } from '../api/types';
import { LoadError } from '../components/Results';
import { formatDateTime } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { usePermission } from '../session';

const kinds: readonly TemplateKind[] = ['sms', 'letter', 'script'];

export const templateStatusColor: Record<TemplateStatus, string> = {
  draft: 'processing',
  published: 'success',
  retired: 'default',
};

export function TemplatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = kinds.includes(kindParam as TemplateKind) ? (kindParam as TemplateKind) : undefined;
  const includeRetired = params.get('retired') === '1';
  const canWrite = usePermission('templates.write');

  const list = useQuery({
    queryKey: ['templates', 'list', kind ?? null, includeRetired],
    queryFn: () =>
      api.get<{ items: Template[] }>('/templates', {
        kind,
        includeRetired: includeRetired ? 'true' : undefined,
      }),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  const columns: TableColumnsType<Template> = [
    {
      title: t('templates.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, row) => (
        <Link to={`/templates/${row.id}`} onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    {
      title: t('templates.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (value: string) => <Tag>{codeLabel(t, 'templateKind', value)}</Tag>,
    },
    {
      title: t('templates.version'),
      dataIndex: 'version',
      width: 90,
      render: (n: number) => t('templates.versionN', { n }),
    },
    {
      title: t('templates.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: TemplateStatus) => (
        <Tag color={templateStatusColor[status]} className="template-status">
          {codeLabel(t, 'templateStatus', status)}
        </Tag>
      ),
    },
    { title: t('templates.author'), dataIndex: 'authorName', width: 120, ellipsis: true },
    {
      title: t('templates.publishedBy'),
      key: 'published',
      width: 200,
      render: (_: unknown, row) =>
        row.publishedByName ? `${row.publishedByName} · ${formatDateTime(row.publishedAt)}` : '—',
    },
    {
      title: t('templates.updatedAt'),
      dataIndex: 'updatedAt',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <div className="page">
      <Card
        title={t('templates.title')}
        className="table-card"
        extra={
          canWrite && (
            <Link to={`/templates/new${kind ? `?kind=${kind}` : ''}`}>
              <Button type="primary" icon={<PlusOutlined />} className="template-create">
                {t('templates.create')}
              </Button>
            </Link>
          )
        }
      >
        <Tabs
          activeKey={kind ?? 'all'}
          onChange={(key) => update({ kind: key === 'all' ? undefined : key })}
          tabBarExtraContent={
            <Checkbox
              checked={includeRetired}
              onChange={(e) => update({ retired: e.target.checked ? '1' : undefined })}
              className="template-include-retired"
            >
              {t('templates.includeRetired')}
            </Checkbox>
          }
          items={[
            { key: 'all', label: t('templates.all') },
            ...kinds.map((k) => ({ key: k, label: codeLabel(t, 'templateKind', k) })),
          ]}
        />
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Template>
            size="middle"
            rowKey="id"
            className="template-table"
            columns={columns}
            dataSource={list.data}
            loading={list.isFetching}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('templates.empty') }}
            pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
            onRow={(row) => ({ onClick: () => navigate(`/templates/${row.id}`), className: 'clickable-row' })}
          />
        )}
      </Card>
    </div>
  );
}
