/** 分期计划 on the case page: the plans with their schedules and counters, a new plan with a live preview. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import {
  ARRANGEMENT_FREQUENCIES,
  type ArrangementBody,
  type ArrangementCreateBody,
  type ArrangementCreatedBody,
  type ArrangementPreviewBody,
  type InstalmentBody,
  moneyKeys,
  useArrangements,
} from '../../api/money';
import { PROMISE_CHANNELS } from '../../api/workbench';
import { formatDate, formatDateTime, formatFen } from '../../lib/format';
import { codeLabel } from '../../lib/labels';
import { useDebounced } from '../../lib/useDebounced';
import { useErrorText, usePermission } from '../../session';

const statusColor: Record<ArrangementBody['status'], string> = {
  active: 'processing',
  completed: 'success',
  broken: 'error',
  cancelled: 'default',
};
const instalmentColor: Record<InstalmentBody['status'], string> = {
  pending: 'default',
  kept: 'success',
  partly_kept: 'warning',
  broken: 'error',
  cancelled: 'default',
};

/** '1234.5' → 123450 fen exactly; null when it is not an amount with at most 2 decimals. */
function yuanToFen(text: string | undefined): number | null {
  const match = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(text ?? '');
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function ScheduleTable({
  rows,
  className,
}: {
  rows: { instalmentNo: number; dueDate: string; amountFen: number; status?: string; paidFen?: number }[];
  className: string;
}) {
  const { t } = useTranslation();
  const decided = rows.some((r) => r.status !== undefined);
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('money.arrangements.schedule.no'), dataIndex: 'instalmentNo', width: 70, align: 'right' },
    { title: t('money.arrangements.schedule.dueDate'), dataIndex: 'dueDate', width: 120, render: formatDate },
    {
      title: t('money.arrangements.schedule.amount'),
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (fen: number) => formatFen(fen),
    },
  ];
  if (decided) {
    columns.push(
      {
        title: t('money.arrangements.schedule.status'),
        dataIndex: 'status',
        width: 110,
        render: (status: InstalmentBody['status']) => (
          <Tag color={instalmentColor[status]}>{codeLabel(t, 'promiseStatus', status)}</Tag>
        ),
      },
      {
        title: t('money.arrangements.schedule.paid'),
        dataIndex: 'paidFen',
        width: 130,
        align: 'right',
        render: (fen: number) => formatFen(fen),
      },
    );
  }
  return (
    <Table
      size="small"
      rowKey="instalmentNo"
      style={{ maxWidth: 760 }}
      className={className}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
    />
  );
}

function CancelModal({ plan, onClose }: { plan: ArrangementBody | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({
    mutationFn: (input: { id: string; reason: string }) =>
      api.post<ArrangementBody>(`/arrangements/${encodeURIComponent(input.id)}/cancel`, {
        reason: input.reason,
      }),
    onSuccess: (saved) => {
      message.success(t('money.arrangements.cancelled'));
      void client.invalidateQueries({ queryKey: moneyKeys.arrangements(saved.caseId) });
      void client.invalidateQueries({ queryKey: ['case-timeline', saved.caseId] });
      form.resetFields();
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Modal
      open={plan !== null}
      title={t('money.arrangements.cancelTitle')}
      okText={t('money.arrangements.cancel')}
      okButtonProps={{ danger: true, loading: cancel.isPending }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() =>
        form
          .validateFields()
          .then((v) => plan && cancel.mutate({ id: plan.id, reason: v.reason.trim() }))
          .catch(() => undefined)
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('money.arrangements.cancelHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('money.arrangements.cancelReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              message: t('money.arrangements.cancelReasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PlanForm {
  totalYuan?: string;
  instalments?: number;
  frequency?: string;
  firstDueDate?: Dayjs;
  channel?: string;
}

function NewPlanModal({
  caseId,
  balanceFen,
  open,
  onClose,
}: {
  caseId: string;
  balanceFen: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<PlanForm>();
  const values = Form.useWatch([], form) as PlanForm | undefined;
  const request: ArrangementCreateBody | null = (() => {
    const totalFen = yuanToFen(values?.totalYuan);
    if (totalFen === null || !values?.instalments || !values.firstDueDate || !values.frequency) return null;
    return {
      totalFen,
      instalments: values.instalments,
      frequency: values.frequency,
      firstDueDate: values.firstDueDate.format('YYYY-MM-DD'),
      channel: values.channel ?? '',
    };
  })();
  const settled = useDebounced(request, 250);
  const preview = useQuery({
    queryKey: ['arrangement-preview', caseId, settled],
    queryFn: () =>
      api.post<ArrangementPreviewBody>(`/cases/${encodeURIComponent(caseId)}/arrangements/preview`, settled),
    enabled: open && settled !== null,
    placeholderData: (previous) => previous,
  });
  const create = useMutation({
    mutationFn: (body: ArrangementCreateBody) =>
      api.post<ArrangementCreatedBody>(`/cases/${encodeURIComponent(caseId)}/arrangements`, body),
    onSuccess: (created) => {
      message.success(
        created.cancelledPromiseIds.length > 0
          ? t('money.arrangements.form.replaced', { n: created.cancelledPromiseIds.length })
          : t('money.arrangements.form.created'),
      );
      void client.invalidateQueries({ queryKey: moneyKeys.arrangements(caseId) });
      void client.invalidateQueries({ queryKey: ['case-timeline', caseId] });
      form.resetFields();
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
  });
  // Problems of the request as it is now (the preview may still show the previous one's schedule).
  const current =
    settled !== null && JSON.stringify(settled) === JSON.stringify(request) ? preview.data : undefined;
  const problems = current?.problems ?? [];
  const fieldProblem = (field: string) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? (i18n.language === 'en' ? problem.reasonEn : problem.reason) : undefined;
  };
  const help = (field: string) => {
    const text = fieldProblem(field);
    return text ? { validateStatus: 'error' as const, help: text } : {};
  };
  const submit = () =>
    form
      .validateFields()
      .then(() => request && create.mutate(request))
      .catch(() => undefined);

  return (
    <Modal
      open={open}
      width={760}
      title={t('money.arrangements.form.title')}
      okText={t('money.arrangements.form.submit')}
      okButtonProps={{
        loading: create.isPending,
        disabled: request === null || problems.length > 0,
        className: 'arrangement-submit',
      }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={submit}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('money.arrangements.form.balance', { amount: formatFen(balanceFen) })}
      </Typography.Paragraph>
      <Form<PlanForm>
        form={form}
        layout="vertical"
        className="arrangement-form"
        initialValues={{ instalments: 3, frequency: 'monthly', channel: 'app' }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="totalYuan"
              label={t('money.arrangements.form.total')}
              rules={[
                { required: true, message: t('money.arrangements.form.required') },
                {
                  validator: (_, value?: string) =>
                    !value || yuanToFen(value) !== null
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('money.arrangements.form.totalInvalid'))),
                },
              ]}
              {...help('totalFen')}
            >
              <Input inputMode="decimal" prefix="¥" className="arrangement-total" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="instalments"
              label={t('money.arrangements.form.instalments')}
              rules={[{ required: true, message: t('money.arrangements.form.required') }]}
              {...help('instalments')}
            >
              <InputNumber
                min={1}
                max={60}
                precision={0}
                style={{ width: '100%' }}
                className="arrangement-count"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="frequency" label={t('money.arrangements.form.frequency')} {...help('frequency')}>
              <Select
                options={ARRANGEMENT_FREQUENCIES.map((f) => ({
                  value: f,
                  label: t(`money.arrangements.frequency.${f}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="firstDueDate"
              label={t('money.arrangements.form.firstDueDate')}
              rules={[{ required: true, message: t('money.arrangements.form.required') }]}
              {...help('firstDueDate')}
            >
              <DatePicker
                style={{ width: '100%' }}
                className="arrangement-first-due"
                disabledDate={(d) => d.isBefore(dayjs().startOf('day')) || d.isAfter(dayjs().add(30, 'day'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="channel" label={t('money.arrangements.form.channel')} {...help('channel')}>
              <Select
                options={PROMISE_CHANNELS.map((c) => ({
                  value: c,
                  label: codeLabel(t, 'promiseChannel', c),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={5} className="sub-title">
        {t('money.arrangements.form.preview')}
      </Typography.Title>
      {problems.some((p) => p.field === 'case') && (
        <Alert type="error" showIcon title={fieldProblem('case')} className="arrangement-problem" />
      )}
      {request === null || !current ? (
        <Typography.Paragraph type="secondary" className="arrangement-preview-empty">
          {t('money.arrangements.form.previewEmpty')}
        </Typography.Paragraph>
      ) : (
        <ScheduleTable rows={current.schedule} className="arrangement-preview" />
      )}
      <Typography.Paragraph type="secondary" className="arrangement-notes">
        {t('money.arrangements.form.remainderNote')} {t('money.arrangements.form.replaceNote')}
      </Typography.Paragraph>
    </Modal>
  );
}

function PlanView({
  plan,
  canCancel,
  onCancel,
}: {
  plan: ArrangementBody;
  canCancel: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={`arrangement arrangement-${plan.status}`}>
      <Space wrap className="arrangement-head" size={8}>
        <Tag color={statusColor[plan.status]}>{t(`money.arrangements.status.${plan.status}`)}</Tag>
        <Typography.Text strong>
          {t('money.arrangements.summary', {
            total: formatFen(plan.totalFen),
            n: plan.instalments,
            frequency: t(`money.arrangements.frequency.${plan.frequency}`),
            channel: codeLabel(t, 'promiseChannel', plan.channel),
          })}
        </Typography.Text>
        {canCancel && plan.status === 'active' && (
          <Button size="small" danger onClick={onCancel} className="arrangement-cancel">
            {t('money.arrangements.cancel')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph className="arrangement-counters">
        <Typography.Text>
          {t('money.arrangements.counters', {
            kept: plan.keptInstalments,
            broken: plan.brokenInstalments,
            paid: formatFen(plan.paidFen),
          })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {' · '}
          {t('money.arrangements.createdBy', {
            name: plan.createdByName ?? t('money.payments.list.system'),
            at: formatDateTime(plan.createdAt),
          })}
        </Typography.Text>
      </Typography.Paragraph>
      <ScheduleTable rows={plan.schedule} className="arrangement-schedule" />
    </div>
  );
}

export function ArrangementsCard({ caseId, balanceFen }: { caseId: string; balanceFen: number }) {
  const { t } = useTranslation();
  const canCreate = usePermission('promises.create');
  const plans = useArrangements(caseId);
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const [cancelling, setCancelling] = useState<ArrangementBody | null>(null);
  const hasActive = (plans.data ?? []).some((p) => p.status === 'active');
  return (
    <Card
      title={t('money.arrangements.title')}
      className="arrangements-card"
      extra={
        canCreate && (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            disabled={hasActive}
            onClick={() => setCreating(true)}
            className="arrangement-new"
          >
            {t('money.arrangements.new')}
          </Button>
        )
      }
    >
      {plans.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : plans.isError ? (
        <Alert type="error" showIcon title={errorText(plans.error)} />
      ) : plans.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('money.arrangements.empty')} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {plans.data.map((plan) => (
            <PlanView key={plan.id} plan={plan} canCancel={canCreate} onCancel={() => setCancelling(plan)} />
          ))}
        </Space>
      )}
      {canCreate && (
        <>
          <NewPlanModal
            caseId={caseId}
            balanceFen={balanceFen}
            open={creating}
            onClose={() => setCreating(false)}
          />
          <CancelModal plan={cancelling} onClose={() => setCancelling(null)} />
        </>
      )}
    </Card>
  );
}
