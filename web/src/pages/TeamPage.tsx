import { SwapOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  problemsOf,
  type ReassignBody,
  type ReassignResult,
  type TeamQueueItem,
  type TeamWorkload,
  useAssignmentOptions,
  useTeamQueue,
  useWorkload,
} from '../api/assignment';
import { ApiError, api } from '../api/client';
import { usePortfolios } from '../api/hooks';
import { BucketTag } from '../components/BucketTag';
import { formatDateTime, formatFen } from '../lib/format';
import { hasPermission, useCurrentUser, useErrorText } from '../session';

type CollectorRow = TeamWorkload['collectors'][number];

function LoadBar({ open, capacity, pct }: { open: number; capacity: number; pct: number }) {
  return (
    <Space size={8} className="load-bar" style={{ width: '100%' }}>
      <Progress
        percent={Math.min(pct, 100)}
        size="small"
        status={pct > 100 ? 'exception' : 'normal'}
        strokeColor={pct > 100 ? undefined : pct >= 90 ? '#fa8c16' : undefined}
        showInfo={false}
        style={{ width: 120, margin: 0 }}
      />
      <span className="num nowrap">
        {open}/{capacity} · {pct}%
      </span>
    </Space>
  );
}

function WorkloadTable({ team }: { team: TeamWorkload }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CollectorRow> = [
    {
      title: t('assignment.team.columns.collector'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4}>
          <span className="workload-name">{name}</span>
          {!row.active && <Tag>{t('assignment.team.inactive')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('assignment.team.columns.load'),
      key: 'load',
      width: 260,
      render: (_, row) => <LoadBar open={row.openCases} capacity={row.capacity} pct={row.loadPct} />,
    },
    {
      title: t('assignment.team.columns.balance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (fen: number) => <span className="amount">{formatFen(fen)}</span>,
    },
    {
      title: t('assignment.team.columns.dueFollowUps'),
      dataIndex: 'dueFollowUps',
      align: 'right',
      width: 100,
    },
    {
      title: t('assignment.team.columns.promisesDueToday'),
      dataIndex: 'promisesDueToday',
      align: 'right',
      width: 120,
    },
    {
      title: t('assignment.team.columns.contactsToday'),
      dataIndex: 'contactsToday',
      align: 'right',
      width: 100,
    },
    {
      title: t('assignment.team.columns.brokenPromises'),
      dataIndex: 'brokenPromises',
      align: 'right',
      width: 100,
    },
  ];
  const total = team.totals;
  return (
    <Table<CollectorRow>
      size="small"
      rowKey="collectorId"
      className="workload-table"
      columns={columns}
      dataSource={team.collectors}
      pagination={false}
      locale={{ emptyText: t('assignment.team.emptyTeam') }}
      summary={() =>
        team.collectors.length > 1 ? (
          <Table.Summary.Row className="workload-total">
            <Table.Summary.Cell index={0}>
              <strong>{t('assignment.team.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <LoadBar open={total.openCases} capacity={total.capacity} pct={total.loadPct} />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <strong className="amount">{formatFen(total.balanceFen)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {total.dueFollowUps}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {total.promisesDueToday}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {total.contactsToday}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {total.brokenPromises}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

interface ReassignForm {
  toCollectorId?: string;
  reason?: string;
}

function ReassignModal({
  cases,
  open,
  onClose,
  onDone,
}: {
  cases: TeamQueueItem[];
  open: boolean;
  onClose: () => void;
  onDone: (result: ReassignResult) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<ReassignForm>();
  const options = useAssignmentOptions();
  const [refusal, setRefusal] = useState<string | null>(null);
  const reassign = useMutation({
    mutationFn: (body: ReassignBody) => api.post<ReassignResult>('/cases/reassign', body),
    onSuccess: (result) => {
      form.resetFields();
      setRefusal(null);
      onDone(result);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const details = (error.details ?? {}) as { field?: string };
        const field = details.field;
        if (field === 'reason' || field === 'toCollectorId') {
          form.setFields([{ name: field, errors: [errorText(error)] }]);
          return;
        }
        const problems = problemsOf(error.details);
        if (problems.length > 0) {
          setRefusal(problems.map((p) => (i18n.language === 'en' ? p.en : p.zh)).join('；'));
          return;
        }
      }
      setRefusal(errorText(error));
    },
  });
  const submit = async () => {
    const values = await form.validateFields();
    setRefusal(null);
    reassign.mutate({
      caseIds: cases.map((c) => c.caseId),
      toCollectorId: values.toCollectorId ?? null,
      reason: values.reason ?? '',
    });
  };
  return (
    <Modal
      open={open}
      title={t('assignment.reassign.title', { count: cases.length })}
      okText={t('assignment.reassign.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: reassign.isPending, className: 'reassign-ok' }}
      onOk={submit}
      onCancel={() => {
        setRefusal(null);
        onClose();
      }}
      destroyOnHidden
      className="reassign-modal"
    >
      <Typography.Paragraph type="secondary">
        {cases
          .slice(0, 6)
          .map((c) => `${c.caseNo} ${c.debtorName}`)
          .join('、')}
        {cases.length > 6 ? ' …' : ''}
      </Typography.Paragraph>
      {refusal && (
        <Alert
          type="error"
          showIcon
          message={refusal}
          className="reassign-refusal"
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="toCollectorId"
          label={t('assignment.reassign.to')}
          rules={[{ required: true, message: t('assignment.reassign.toRequired') }]}
        >
          <Select
            className="reassign-collector"
            placeholder={t('assignment.reassign.toPlaceholder')}
            loading={options.isPending}
            showSearch
            optionFilterProp="label"
            options={(options.data?.collectors ?? []).map((c) => ({
              value: c.id,
              label: t('assignment.reassign.optionLoad', {
                name: c.name,
                team: c.teamName ?? '—',
                load: c.load,
                capacity: c.capacity,
              }),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('assignment.reassign.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('assignment.reassign.reasonRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            className="reassign-reason"
            placeholder={t('assignment.reassign.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('assignment.reassign.sameDebtorHint')}</Typography.Text>
    </Modal>
  );
}

/** 团队: the team lead's (or manager's) workload per collector, the team's cases, and reassignment. */
export function TeamPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const manager = hasPermission(me, 'placements.manage');
  const options = useAssignmentOptions();
  const portfolios = usePortfolios();
  const [teamId, setTeamId] = useState<string | null>(null);
  const [collectorId, setCollectorId] = useState<string | undefined>();
  const [bucket, setBucket] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<TeamQueueItem[]>([]);
  const [reassigning, setReassigning] = useState(false);
  const workload = useWorkload(teamId);
  const queue = useTeamQueue({ teamId: teamId ?? undefined, collectorId, bucket, page, pageSize });

  const buckets = useMemo(() => {
    const codes = new Set<string>();
    for (const p of portfolios.data ?? []) for (const b of p.buckets) codes.add(b.code);
    return [...codes];
  }, [portfolios.data]);
  const collectors = (options.data?.collectors ?? []).filter((c) => !teamId || c.teamId === teamId);

  const resetPage = () => {
    setPage(1);
    setSelected([]);
  };

  const columns: TableColumnsType<TeamQueueItem> = [
    {
      title: t('assignment.team.q.caseNo'),
      dataIndex: 'caseNo',
      width: 130,
      render: (no: string, row) => (
        <Link to={`/cases/${row.caseId}`} className="queue-case-link">
          {no}
        </Link>
      ),
    },
    { title: t('assignment.team.q.debtor'), dataIndex: 'debtorName', width: 110 },
    {
      title: t('assignment.team.q.collector'),
      dataIndex: 'collectorName',
      width: 110,
      render: (name: string | null) =>
        name ?? <Typography.Text type="secondary">{t('assignment.common.unassigned')}</Typography.Text>,
    },
    { title: t('assignment.team.q.priority'), dataIndex: 'priority', align: 'right', width: 80 },
    {
      title: t('assignment.team.q.bucket'),
      dataIndex: 'bucket',
      width: 80,
      render: (b: string, row) => (
        <BucketTag bucket={b} portfolioCode={row.portfolioCode} daysPastDue={row.daysPastDue} />
      ),
    },
    { title: t('assignment.team.q.dpd'), dataIndex: 'daysPastDue', align: 'right', width: 90 },
    {
      title: t('assignment.team.q.balance'),
      dataIndex: 'balanceFen',
      align: 'right',
      width: 130,
      render: (fen: number) => <span className="amount">{formatFen(fen)}</span>,
    },
    {
      title: t('assignment.team.q.followUp'),
      dataIndex: 'followUpAt',
      width: 150,
      render: (at: string | null) => formatDateTime(at),
    },
    {
      title: t('assignment.team.q.segment'),
      dataIndex: 'segmentKey',
      render: (key: string | null, row) =>
        row.segmentName ? (i18n.language === 'en' ? row.segmentName.en : row.segmentName.zh) : (key ?? '—'),
    },
  ];

  const teams = workload.data?.teams ?? [];
  return (
    <div className="page team-page">
      <Card
        title={t('assignment.team.title')}
        extra={
          <Space>
            {workload.data && (
              <Typography.Text type="secondary">
                {t('assignment.team.asOf', { date: workload.data.asOf })}
              </Typography.Text>
            )}
            {manager && (
              <Select
                className="team-select"
                style={{ width: 200 }}
                value={teamId ?? ''}
                onChange={(value: string) => {
                  setTeamId(value || null);
                  setCollectorId(undefined);
                  resetPage();
                }}
                options={[
                  { value: '', label: t('assignment.common.allTeams') },
                  ...(options.data?.teams ?? []).map((team) => ({ value: team.id, label: team.name })),
                ]}
              />
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('assignment.team.intro')}</Typography.Paragraph>
        {workload.isError && <Alert type="error" showIcon message={errorText(workload.error)} />}
        {workload.isPending && <Table loading columns={[]} dataSource={[]} />}
        {teams.length === 0 && workload.isSuccess && <Empty />}
        {teams.map((team) => (
          <div key={team.teamId} className="workload-team" style={{ marginBottom: 16 }}>
            {(teams.length > 1 || manager) && (
              <Space size={8} style={{ marginBottom: 8 }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {team.teamName}
                </Typography.Title>
                <Tag>{team.teamCode}</Tag>
              </Space>
            )}
            {team.unassignedCases > 0 && (
              <Tag color="gold" className="team-pool" style={{ marginBottom: 8 }}>
                {t('assignment.team.pool', { count: team.unassignedCases })}
              </Tag>
            )}
            <WorkloadTable team={team} />
          </div>
        ))}
      </Card>

      <Card
        title={t('assignment.team.queueTitle')}
        extra={
          <Space wrap>
            <Select
              allowClear
              className="queue-filter-collector"
              style={{ width: 180 }}
              placeholder={t('assignment.team.filterCollector')}
              value={collectorId}
              onChange={(value?: string) => {
                setCollectorId(value);
                resetPage();
              }}
              options={[
                { value: 'none', label: t('assignment.common.unassigned') },
                ...collectors.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <Select
              allowClear
              className="queue-filter-bucket"
              style={{ width: 140 }}
              placeholder={t('assignment.team.filterBucket')}
              value={bucket}
              onChange={(value?: string) => {
                setBucket(value);
                resetPage();
              }}
              options={buckets.map((code) => ({ value: code, label: code }))}
            />
            <Button
              type="primary"
              icon={<SwapOutlined />}
              className="reassign-open"
              disabled={selected.length === 0}
              onClick={() => setReassigning(true)}
            >
              {t('assignment.team.reassign')}
              {selected.length > 0 ? `（${selected.length}）` : ''}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('assignment.team.queueHint')}</Typography.Paragraph>
        <Table<TeamQueueItem>
          size="small"
          rowKey="caseId"
          className="team-queue-table"
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isPending || queue.isFetching}
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: selected.map((c) => c.caseId),
            preserveSelectedRowKeys: true,
            onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
          }}
          locale={{ emptyText: queue.isError ? errorText(queue.error) : t('assignment.team.emptyQueue') }}
          pagination={{
            current: page,
            pageSize,
            total: queue.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('assignment.common.cases', { count: total }),
            onChange: (next, size) => {
              setPage(size !== pageSize ? 1 : next);
              setPageSize(size);
            },
          }}
        />
      </Card>

      <ReassignModal
        cases={selected}
        open={reassigning}
        onClose={() => setReassigning(false)}
        onDone={(result) => {
          setReassigning(false);
          setSelected([]);
          message.success(i18n.language === 'en' ? result.message.en : result.message.zh);
          void client.invalidateQueries({ queryKey: ['assignment'] });
          void client.invalidateQueries({ queryKey: ['case'] });
          void client.invalidateQueries({ queryKey: ['cases'] });
        }}
      />
    </div>
  );
}
