import { PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  assignmentKeys,
  type Placement,
  type PlacementCreateBody,
  problemsOf,
  type RecallResult,
  useAssignmentOptions,
  usePlacementPreview,
  usePlacements,
} from '../api/assignment';
import { ApiError, api } from '../api/client';
import { usePortfolios } from '../api/hooks';
import { formatDateTime, formatFen } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { useErrorText } from '../session';

const statusColor: Record<Placement['status'], string> = {
  active: 'processing',
  recalled: 'default',
  ended: 'warning',
};

interface CreateForm {
  portfolioCode?: string;
  agencyCode?: string;
  period?: [Dayjs, Dayjs];
  buckets?: string[];
  minDaysPastDue?: number | null;
  note?: string;
}

function CreatePlacementModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<CreateForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const portfolios = usePortfolios();
  const options = useAssignmentOptions();
  const portfolioCode = Form.useWatch('portfolioCode', form);
  const buckets = Form.useWatch('buckets', form);
  const minDaysPastDue = Form.useWatch('minDaysPastDue', form);
  const filter = useDebounced({ portfolioCode, buckets: (buckets ?? []).join(','), minDaysPastDue }, 250);
  const preview = usePlacementPreview(
    {
      portfolioCode: filter.portfolioCode,
      buckets: filter.buckets,
      minDaysPastDue: filter.minDaysPastDue ?? null,
    },
    open,
  );
  const portfolio = portfolios.data?.find((p) => p.code === portfolioCode);

  const create = useMutation({
    mutationFn: (body: PlacementCreateBody) => api.post<Placement>('/placements', body),
    onSuccess: (placement) => {
      message.success(
        t('assignment.placements.form.created', { count: placement.cases, agency: placement.agencyName }),
      );
      void client.invalidateQueries({ queryKey: ['assignment'] });
      void client.invalidateQueries({ queryKey: ['portfolios'] });
      form.resetFields();
      setRefusal(null);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const field = (error.details as { field?: string } | undefined)?.field ?? '';
        const at: Record<string, keyof CreateForm> = {
          agencyCode: 'agencyCode',
          startsOn: 'period',
          endsOn: 'period',
          note: 'note',
          'filter.minDaysPastDue': 'minDaysPastDue',
        };
        const name = at[field] ?? (field.startsWith('filter.buckets') ? 'buckets' : undefined);
        if (name) {
          form.setFields([{ name, errors: [errorText(error)] }]);
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
    const [from, to] = values.period ?? [];
    setRefusal(null);
    create.mutate({
      portfolioCode: values.portfolioCode ?? '',
      agencyCode: values.agencyCode ?? '',
      startsOn: from?.format('YYYY-MM-DD') ?? '',
      endsOn: to?.format('YYYY-MM-DD') ?? '',
      note: values.note?.trim() || undefined,
      filter: {
        buckets: values.buckets && values.buckets.length > 0 ? values.buckets : undefined,
        minDaysPastDue: values.minDaysPastDue ?? undefined,
      },
    });
  };

  const p = preview.data;
  return (
    <Modal
      open={open}
      width={640}
      title={t('assignment.placements.form.title')}
      okText={t('assignment.placements.form.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        loading: create.isPending,
        disabled: p?.eligible === 0,
        className: 'placement-submit',
      }}
      onOk={submit}
      onCancel={() => {
        setRefusal(null);
        onClose();
      }}
      className="placement-modal"
      forceRender
    >
      {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 12 }} />}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ period: [dayjs(), dayjs().add(90, 'day')] }}
      >
        <Form.Item
          name="portfolioCode"
          label={t('assignment.placements.form.portfolio')}
          rules={[{ required: true, message: t('assignment.common.portfolioPlaceholder') }]}
        >
          <Select
            className="placement-portfolio"
            placeholder={t('assignment.common.portfolioPlaceholder')}
            options={(portfolios.data ?? []).map((x) => ({ value: x.code, label: `${x.code} · ${x.name}` }))}
            onChange={() => form.setFieldValue('buckets', [])}
          />
        </Form.Item>
        <Form.Item
          name="agencyCode"
          label={t('assignment.placements.form.agency')}
          rules={[{ required: true, message: t('assignment.placements.form.agencyPlaceholder') }]}
        >
          <Select
            className="placement-agency"
            placeholder={t('assignment.placements.form.agencyPlaceholder')}
            options={(options.data?.agencies ?? []).map((a) => ({ value: a.code, label: a.name }))}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('assignment.placements.form.period')}
          rules={[{ required: true, message: t('assignment.placements.form.periodRequired') }]}
        >
          <DatePicker.RangePicker className="placement-period" />
        </Form.Item>
        <Space size={16} wrap align="start">
          <Form.Item name="buckets" label={t('assignment.placements.form.buckets')}>
            <Select
              mode="multiple"
              allowClear
              className="placement-buckets"
              style={{ minWidth: 240 }}
              placeholder={t('assignment.placements.form.bucketsPlaceholder')}
              options={(portfolio?.buckets ?? []).map((b) => ({ value: b.code, label: b.code }))}
            />
          </Form.Item>
          <Form.Item name="minDaysPastDue" label={t('assignment.placements.form.minDpd')}>
            <InputNumber min={0} precision={0} className="placement-min-dpd" style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('assignment.placements.form.note')}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('assignment.placements.form.notePlaceholder')}
          />
        </Form.Item>
      </Form>
      {portfolioCode && p && (
        <Alert
          className="placement-preview"
          type={p.eligible > 0 ? 'info' : 'warning'}
          showIcon
          message={
            p.eligible > 0
              ? t('assignment.placements.form.preview', {
                  count: p.eligible,
                  balance: formatFen(p.balanceFen),
                })
              : t('assignment.placements.form.noneMatch')
          }
          description={t('assignment.placements.form.excluded', {
            placed: p.excluded.alreadyPlaced,
            frozen: p.excluded.complaintFreeze,
            held: p.excluded.legalHold,
          })}
        />
      )}
      {preview.isError && <Alert type="error" showIcon message={errorText(preview.error)} />}
    </Modal>
  );
}

function RecallModal({ placement, onClose }: { placement: Placement | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const recall = useMutation({
    mutationFn: (input: { id: string; reason: string }) =>
      api.post<RecallResult>(`/placements/${input.id}/recall`, { reason: input.reason }),
    onSuccess: (result) => {
      message.success(
        t('assignment.placements.recalled', {
          count: result.recalled,
          previous: result.toPreviousCollector,
          reassigned: result.reassigned,
          unassigned: result.unassigned,
        }),
      );
      void client.invalidateQueries({ queryKey: assignmentKeys.placements });
      void client.invalidateQueries({ queryKey: ['assignment'] });
      form.resetFields();
      onClose();
    },
    onError: (error) => {
      const field =
        error instanceof ApiError ? (error.details as { field?: string } | undefined)?.field : undefined;
      if (field === 'reason') form.setFields([{ name: 'reason', errors: [errorText(error)] }]);
      else message.error(errorText(error));
    },
  });
  const submit = async () => {
    if (!placement) return;
    const values = await form.validateFields();
    recall.mutate({ id: placement.id, reason: values.reason?.trim() ?? '' });
  };
  return (
    <Modal
      open={placement !== null}
      title={t('assignment.placements.recallTitle')}
      okText={t('assignment.placements.recall')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: recall.isPending, className: 'recall-ok' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      className="recall-modal"
    >
      {placement && (
        <Typography.Paragraph>
          {t('assignment.placements.recallIntro', {
            agency: placement.agencyName,
            period: `${placement.startsOn} – ${placement.endsOn}`,
            count: placement.stillPlaced,
          })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('assignment.placements.recallReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t('assignment.placements.recallReasonRequired'),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            className="recall-reason"
            placeholder={t('assignment.placements.recallReasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 委外: the placements with agencies, a new placement by filter with a live count, and recall. */
export function PlacementsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const placements = usePlacements();
  const [creating, setCreating] = useState(false);
  const [recalling, setRecalling] = useState<Placement | null>(null);

  const columns: TableColumnsType<Placement> = [
    {
      title: t('assignment.placements.columns.agency'),
      dataIndex: 'agencyName',
      ellipsis: true,
      render: (name: string, row) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
          <span>
            {name} <Typography.Text type="secondary">{row.agencyCode}</Typography.Text>
          </span>
          {row.note && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: row.note }} className="placement-note">
              {row.note}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('assignment.placements.columns.portfolio'), dataIndex: 'portfolioCode', width: 100 },
    {
      title: t('assignment.placements.columns.period'),
      key: 'period',
      width: 200,
      render: (_, row) => <span className="nowrap">{`${row.startsOn} – ${row.endsOn}`}</span>,
    },
    {
      title: t('assignment.placements.columns.cases'),
      key: 'cases',
      align: 'right',
      width: 140,
      render: (_, row) => (
        <span className="num placement-cases">
          {row.status === 'active' ? `${row.stillPlaced} / ${row.cases}` : row.cases}
        </span>
      ),
    },
    {
      title: t('assignment.placements.columns.balance'),
      dataIndex: 'balanceFen',
      align: 'right',
      width: 140,
      render: (fen: number) => <span className="amount">{formatFen(fen)}</span>,
    },
    {
      title: t('assignment.placements.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: Placement['status']) => (
        <Tag color={statusColor[status]} className="placement-status">
          {t(`assignment.placements.status.${status}`)}
        </Tag>
      ),
    },
    {
      title: t('assignment.placements.columns.createdBy'),
      key: 'created',
      width: 150,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.createdByName ?? t('assignment.history.system')}</span>
          <Typography.Text type="secondary">{formatDateTime(row.createdAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('assignment.placements.columns.actions'),
      key: 'actions',
      width: 100,
      render: (_, row) =>
        row.status === 'active' ? (
          <Button
            size="small"
            danger
            icon={<RollbackOutlined />}
            className="placement-recall"
            onClick={() => setRecalling(row)}
          >
            {t('assignment.placements.recall')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page placements-page">
      <Card
        title={t('assignment.placements.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            className="placement-new"
            onClick={() => setCreating(true)}
          >
            {t('assignment.placements.create')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('assignment.placements.intro')}</Typography.Paragraph>
        <Table<Placement>
          rowKey="id"
          size="small"
          className="placements-table"
          columns={columns}
          dataSource={placements.data ?? []}
          loading={placements.isPending}
          pagination={false}
          tableLayout="fixed"
          locale={{
            emptyText: placements.isError ? errorText(placements.error) : t('assignment.placements.empty'),
          }}
        />
      </Card>
      <CreatePlacementModal open={creating} onClose={() => setCreating(false)} />
      <RecallModal placement={recalling} onClose={() => setRecalling(null)} />
    </div>
  );
}
