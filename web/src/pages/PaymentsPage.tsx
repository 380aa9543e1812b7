import { ArrowDownOutlined, ArrowUpOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { usePortfolios } from '../api/hooks';
import {
  type AllocationOrderBody,
  moneyKeys,
  type PaymentFileProblemBody,
  type PaymentFileResultBody,
  type PaymentListItemBody,
  useAllocationOrder,
  usePayments,
} from '../api/money';
import { FileDropField } from '../components/FileDropField';
import { LoadError } from '../components/Results';
import { formatCount, formatDate, formatDateTime, formatFen } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { useErrorText, usePermission } from '../session';

type Outcome =
  | { kind: 'result'; fileName: string; result: PaymentFileResultBody }
  | { kind: 'error'; fileName: string; error: unknown };

function AllocationText({ allocation }: { allocation: PaymentListItemBody['allocation'] }) {
  const { t } = useTranslation();
  const parts = [
    ['fees', allocation.feesFen],
    ['penalty', allocation.penaltyFen],
    ['interest', allocation.interestFen],
    ['principal', allocation.principalFen],
  ] as const;
  return (
    <span className="payment-allocation">
      {parts
        .filter(([, fen]) => fen > 0)
        .map(([name, fen]) => `${t(`money.components.${name}`)} ${formatFen(fen)}`)
        .join(' · ') || '—'}
    </span>
  );
}

function UploadResult({ outcome }: { outcome: Outcome }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  if (outcome.kind === 'error') {
    return (
      <Alert
        className="payment-file-error"
        type="error"
        showIcon
        title={t('money.payments.upload.fileErrorTitle')}
        description={t('money.payments.upload.fileError', {
          file: outcome.fileName,
          message: errorText(outcome.error),
        })}
      />
    );
  }
  const { result, fileName } = outcome;
  const rejectedColumns: TableColumnsType<PaymentFileProblemBody> = [
    { title: t('money.payments.result.line'), dataIndex: 'line', width: 80, align: 'right' },
    {
      title: t('money.payments.result.column'),
      dataIndex: 'column',
      width: 140,
      render: (column: string) => t(`money.fileColumn.${column}`, { defaultValue: column }),
    },
    {
      title: t('money.payments.result.reason'),
      key: 'reason',
      render: (_: unknown, row) => (i18n.language === 'en' ? row.reasonEn : row.reason),
    },
  ];
  const postedColumns: TableColumnsType<PaymentListItemBody> = [
    { title: t('money.payments.list.reference'), dataIndex: 'externalRef', width: 160 },
    {
      title: t('money.payments.list.caseNo'),
      dataIndex: 'caseNo',
      width: 130,
      render: (caseNo: string | null, row) =>
        caseNo && row.caseId ? <Link to={`/cases/${row.caseId}`}>{caseNo}</Link> : '—',
    },
    { title: t('money.payments.list.contractNo'), dataIndex: 'contractNo', width: 170, ellipsis: true },
    { title: t('money.payments.list.debtor'), dataIndex: 'debtorName', width: 100 },
    {
      title: t('money.payments.list.amount'),
      dataIndex: 'amountFen',
      width: 120,
      align: 'right',
      render: (fen: number) => formatFen(fen),
    },
    {
      title: t('money.payments.list.allocation'),
      key: 'allocation',
      render: (_: unknown, row) => <AllocationText allocation={row.allocation} />,
    },
  ];
  const rejected = result.rejected.length;
  return (
    <Card title={t('money.payments.result.title')} className="payment-file-result">
      <Alert
        type={rejected > 0 ? 'warning' : 'success'}
        showIcon
        title={t('money.payments.result.summary', {
          file: fileName,
          posted: result.posted,
          duplicates: result.duplicates,
          rejected,
        })}
      />
      <Row gutter={16} className="import-figures">
        <Col xs={12} md={6}>
          <Statistic title={t('money.payments.result.posted')} value={formatCount(result.posted)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('money.payments.result.postedFen')} value={formatFen(result.postedFen)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('money.payments.result.duplicates')} value={formatCount(result.duplicates)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('money.payments.result.rejected')}
            value={formatCount(rejected)}
            styles={rejected > 0 ? { content: { color: '#cf1322' } } : undefined}
          />
        </Col>
      </Row>
      {result.postedPayments.length > 0 && (
        <>
          <Typography.Title level={5} className="sub-title">
            {t('money.payments.result.postedTitle')}
          </Typography.Title>
          <Table<PaymentListItemBody>
            size="small"
            rowKey="id"
            className="posted-table"
            columns={postedColumns}
            dataSource={result.postedPayments}
            pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
          />
        </>
      )}
      {rejected > 0 && (
        <>
          <Typography.Title level={5} className="sub-title">
            {t('money.payments.result.rejectedTitle')}
          </Typography.Title>
          <Table<PaymentFileProblemBody>
            size="small"
            className="refused-table"
            rowKey={(row) => `${row.line}-${row.column}`}
            columns={rejectedColumns}
            dataSource={result.rejected}
            pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
          />
        </>
      )}
    </Card>
  );
}

function UploadCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const portfolios = usePortfolios();
  const [form] = Form.useForm<{ portfolio: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    const only = portfolios.data?.length === 1 ? portfolios.data[0] : undefined;
    if (only && !form.getFieldValue('portfolio')) form.setFieldValue('portfolio', only.code);
  }, [portfolios.data, form]);

  const upload = useMutation({
    mutationFn: (input: { portfolio: string; file: File }) => {
      const body = new FormData();
      body.append('file', input.file, input.file.name);
      return api.upload<PaymentFileResultBody>(
        `/portfolios/${encodeURIComponent(input.portfolio)}/payment-files`,
        body,
      );
    },
    onMutate: () => setOutcome(null),
    onSuccess: (result, input) => setOutcome({ kind: 'result', fileName: input.file.name, result }),
    onError: (error, input) => setOutcome({ kind: 'error', fileName: input.file.name, error }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['payments'] });
      void client.invalidateQueries({ queryKey: ['portfolios'] });
    },
  });

  const submit = ({ portfolio }: { portfolio: string }) => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    upload.mutate({ portfolio, file });
  };

  return (
    <>
      <Card title={t('money.payments.upload.title')} className="payment-upload">
        <Typography.Paragraph type="secondary">{t('money.payments.upload.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} onFinishFailed={() => setFileMissing(!file)}>
          <Form.Item
            name="portfolio"
            label={t('money.payments.upload.portfolio')}
            rules={[{ required: true, message: t('money.payments.upload.portfolioRequired') }]}
          >
            <Select
              className="payment-portfolio"
              placeholder={t('money.payments.upload.portfolioPlaceholder')}
              loading={portfolios.isPending}
              options={(portfolios.data ?? []).map((p) => ({
                value: p.code,
                label: `${p.name}（${p.code}）`,
              }))}
            />
          </Form.Item>
          <FileDropField
            label={t('money.payments.upload.file')}
            accept=".csv,.txt"
            title={t('money.payments.upload.dropTitle')}
            hint={t('money.payments.upload.dropHint')}
            file={file}
            missing={fileMissing}
            missingMessage={t('money.payments.upload.fileRequired')}
            onChange={(chosen) => {
              setFile(chosen);
              if (chosen) {
                setFileMissing(false);
                setOutcome(null);
              }
            }}
          />
          <Button
            type="primary"
            htmlType="submit"
            icon={<UploadOutlined />}
            loading={upload.isPending}
            className="payment-upload-submit"
          >
            {upload.isPending ? t('money.payments.upload.uploading') : t('money.payments.upload.submit')}
          </Button>
        </Form>
      </Card>
      {outcome && <UploadResult outcome={outcome} />}
    </>
  );
}

function ReverseModal({ payment, onClose }: { payment: PaymentListItemBody | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useMutation({
    mutationFn: (input: { id: string; reason: string }) =>
      api.post(`/payments/${encodeURIComponent(input.id)}/reverse`, { reason: input.reason }),
    onSuccess: () => {
      message.success(t('money.payments.reverse.done'));
      form.resetFields();
      onClose();
    },
    onError: (error) => message.error(errorText(error)),
    onSettled: () => void client.invalidateQueries({ queryKey: ['payments'] }),
  });
  return (
    <Modal
      open={payment !== null}
      title={t('money.payments.reverse.title', { ref: payment?.externalRef ?? '' })}
      okText={t('money.payments.reverse.submit')}
      okButtonProps={{ danger: true, loading: reverse.isPending, className: 'reverse-ok' }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() =>
        form
          .validateFields()
          .then((values) => payment && reverse.mutate({ id: payment.id, reason: values.reason.trim() }))
          .catch(() => undefined)
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('money.payments.reverse.hint', { amount: formatFen(payment?.amountFen ?? 0) })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('money.payments.reverse.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('money.payments.reverse.reasonRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={t('money.payments.reverse.reasonPlaceholder')}
            className="reverse-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Filters {
  portfolio?: string;
  from?: string;
  to?: string;
  status?: 'posted' | 'reversed';
  page: number;
}

function PaymentsList() {
  const { t } = useTranslation();
  const portfolios = usePortfolios();
  const canReverse = usePermission('payments.post');
  const [filters, setFilters] = useState<Filters>({ page: 1 });
  const [reversing, setReversing] = useState<PaymentListItemBody | null>(null);
  const payments = usePayments(filters);

  const columns: TableColumnsType<PaymentListItemBody> = [
    {
      title: t('money.payments.list.postedOn'),
      dataIndex: 'postedOn',
      width: 140,
      render: (postedOn: string, row) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDate(postedOn)}</span>
          <Typography.Text type="secondary" className="payment-paid-at">
            {formatDateTime(row.paidAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('money.payments.list.caseNo'),
      dataIndex: 'caseNo',
      width: 130,
      render: (caseNo: string | null, row) => (
        <Space orientation="vertical" size={0}>
          {caseNo && row.caseId ? <Link to={`/cases/${row.caseId}`}>{caseNo}</Link> : '—'}
          <Typography.Text type="secondary">{row.debtorName}</Typography.Text>
        </Space>
      ),
    },
    { title: t('money.payments.list.reference'), dataIndex: 'externalRef', width: 150, ellipsis: true },
    {
      title: t('money.payments.list.amount'),
      dataIndex: 'amountFen',
      width: 120,
      align: 'right',
      render: (fen: number) => <strong>{formatFen(fen)}</strong>,
    },
    {
      title: t('money.payments.list.allocation'),
      key: 'allocation',
      width: 230,
      render: (_: unknown, row) => (
        <Space size={4} wrap>
          <AllocationText allocation={row.allocation} />
          {row.overpaymentFen > 0 && (
            <Tag color="orange">
              {t('money.payments.list.overpayment', { amount: formatFen(row.overpaymentFen) })}
              {row.refundStatus !== 'none' && ` · ${t(`money.payments.list.refund.${row.refundStatus}`)}`}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('money.payments.list.status'),
      dataIndex: 'status',
      width: 150,
      render: (status: string, row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={status === 'posted' ? 'success' : 'default'}>
            {codeLabel(t, 'paymentStatus', status)}
          </Tag>
          {row.reversalReason && (
            <Typography.Text type="secondary" className="reversal-reason">
              {t('money.payments.list.reversedBecause', { reason: row.reversalReason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('money.payments.list.postedBy'),
      key: 'postedBy',
      width: 170,
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.postedByName ?? t('money.payments.list.system')}</span>
          <Typography.Text type="secondary">
            {t(`money.payments.list.source.${row.source}`)} · {codeLabel(t, 'paymentChannel', row.channel)}
          </Typography.Text>
        </Space>
      ),
    },
  ];
  if (canReverse) {
    columns.push({
      title: t('money.payments.list.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_: unknown, row) =>
        row.status === 'posted' ? (
          <Button size="small" danger onClick={() => setReversing(row)} className="reverse-button">
            {t('money.payments.list.reverse')}
          </Button>
        ) : null,
    });
  }

  return (
    <Card title={t('money.payments.list.title')} size="small" className="table-card payments-list">
      <Space wrap className="payments-filters">
        <Select
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('money.payments.list.allPortfolios')}
          value={filters.portfolio}
          onChange={(portfolio?: string) => setFilters((f) => ({ ...f, portfolio, page: 1 }))}
          options={(portfolios.data ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
        />
        <DatePicker.RangePicker
          placeholder={[t('money.payments.list.dateRange'), t('money.payments.list.dateRange')]}
          onChange={(dates) =>
            setFilters((f) => ({
              ...f,
              from: dates?.[0]?.format('YYYY-MM-DD'),
              to: dates?.[1]?.format('YYYY-MM-DD'),
              page: 1,
            }))
          }
        />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('money.payments.list.allStatuses')}
          value={filters.status}
          onChange={(status?: 'posted' | 'reversed') => setFilters((f) => ({ ...f, status, page: 1 }))}
          options={(['posted', 'reversed'] as const).map((s) => ({
            value: s,
            label: codeLabel(t, 'paymentStatus', s),
          }))}
        />
      </Space>
      {payments.isError ? (
        <LoadError error={payments.error} onRetry={() => payments.refetch()} />
      ) : (
        <Table<PaymentListItemBody>
          size="small"
          rowKey="id"
          className="payments-table"
          columns={columns}
          dataSource={payments.data?.items}
          loading={payments.isFetching}
          scroll={{ x: 1180 }}
          locale={{ emptyText: t('money.payments.list.empty') }}
          pagination={{
            current: filters.page,
            pageSize: payments.data?.pageSize ?? 20,
            total: payments.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (count) => t('common.total', { total: formatCount(count) }),
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
      {canReverse && <ReverseModal payment={reversing} onClose={() => setReversing(null)} />}
    </Card>
  );
}

function AllocationEditor({ current, canManage }: { current: AllocationOrderBody; canManage: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [order, setOrder] = useState<string[]>(current.order);
  useEffect(() => setOrder(current.order), [current.order]);
  const unchanged = order.join() === current.order.join();
  const save = useMutation({
    mutationFn: (next: string[] | null) =>
      api.put<AllocationOrderBody>(`/portfolios/${encodeURIComponent(current.portfolio)}/allocation-order`, {
        order: next,
      }),
    onSuccess: (saved) => {
      client.setQueryData(moneyKeys.allocation(current.portfolio), saved);
      message.success(t('money.payments.allocation.saved'));
    },
    onError: (error) => message.error(errorText(error)),
  });
  const move = (index: number, by: -1 | 1) =>
    setOrder((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item !== undefined) next.splice(index + by, 0, item);
      return next;
    });
  const names = (list: readonly string[]) =>
    list.map((c) => t(`money.components.${c}`, { defaultValue: c })).join(' → ');
  const confirm = (next: string[] | null) =>
    modal.confirm({
      title: t('money.payments.allocation.confirmTitle'),
      content: t('money.payments.allocation.confirmBody', { order: names(next ?? current.defaultOrder) }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { className: 'allocation-confirm-ok' },
      onOk: () => save.mutateAsync(next).catch(() => undefined),
    });
  const isDefaultOrder = order.join() === current.defaultOrder.join();
  return (
    <>
      <Space className="allocation-state">
        <Tag color={current.isDefault ? 'default' : 'blue'}>
          {current.isDefault
            ? t('money.payments.allocation.isDefault')
            : t('money.payments.allocation.isCustom')}
        </Tag>
        <Typography.Text strong className="allocation-current">
          {names(current.order)}
        </Typography.Text>
      </Space>
      <List
        className="allocation-list"
        bordered
        dataSource={order}
        renderItem={(component, index) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Button
                      key="up"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      aria-label={t('money.payments.allocation.up')}
                      onClick={() => move(index, -1)}
                      className="allocation-up"
                    />,
                    <Button
                      key="down"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={index === order.length - 1}
                      aria-label={t('money.payments.allocation.down')}
                      onClick={() => move(index, 1)}
                      className="allocation-down"
                    />,
                  ]
                : []
            }
          >
            <Space>
              <Tag>{t('money.payments.allocation.step', { n: index + 1 })}</Tag>
              <span className="allocation-component">{t(`money.components.${component}`)}</span>
            </Space>
          </List.Item>
        )}
      />
      {canManage ? (
        <Space wrap className="allocation-actions">
          <Button
            type="primary"
            disabled={unchanged}
            loading={save.isPending}
            onClick={() => confirm(isDefaultOrder ? null : order)}
            className="allocation-save"
          >
            {t('money.payments.allocation.save')}
          </Button>
          <Button
            disabled={current.isDefault && isDefaultOrder}
            onClick={() => (current.isDefault ? setOrder(current.defaultOrder) : confirm(null))}
          >
            {t('money.payments.allocation.reset')}
          </Button>
          {unchanged && (
            <Typography.Text type="secondary">{t('money.payments.allocation.unchanged')}</Typography.Text>
          )}
        </Space>
      ) : (
        <Alert
          type="info"
          showIcon
          title={t('money.payments.allocation.readOnly')}
          className="allocation-readonly"
        />
      )}
    </>
  );
}

function AllocationTab() {
  const { t } = useTranslation();
  const portfolios = usePortfolios();
  const canManage = usePermission('portfolios.manage');
  const [portfolio, setPortfolio] = useState<string | undefined>(undefined);
  const chosen = portfolio ?? portfolios.data?.[0]?.code;
  const order = useAllocationOrder(chosen);
  return (
    <Card title={t('money.payments.allocation.title')} className="allocation-card">
      <Typography.Paragraph type="secondary">{t('money.payments.allocation.intro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('money.payments.allocation.portfolio')}>
          <Select
            style={{ maxWidth: 360 }}
            value={chosen}
            onChange={setPortfolio}
            loading={portfolios.isPending}
            options={(portfolios.data ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
          />
        </Form.Item>
      </Form>
      {order.isError ? (
        <LoadError error={order.error} onRetry={() => order.refetch()} />
      ) : order.data ? (
        <AllocationEditor current={order.data} canManage={canManage} />
      ) : null}
    </Card>
  );
}

export function PaymentsPage() {
  const { t } = useTranslation();
  const canPost = usePermission('payments.post');
  const items = useMemo(
    () => [
      {
        key: 'ledger',
        label: t('money.payments.tabs.ledger'),
        children: (
          <div className="page">
            {canPost && <UploadCard />}
            <PaymentsList />
          </div>
        ),
      },
      { key: 'allocation', label: t('money.payments.tabs.allocation'), children: <AllocationTab /> },
    ],
    [t, canPost],
  );
  return (
    <div className="page payments-page">
      <Tabs items={items} className="payments-tabs" />
    </div>
  );
}
