import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import {
  SMS_STATUSES,
  type SmsDispatchResultBody,
  type SmsOutboxItemBody,
  type SmsStatusCode,
  useSmsOutbox,
  useSmsState,
} from '../api/money';
import { LoadError } from '../components/Results';
import { formatCount, formatDateTime } from '../lib/format';
import { useErrorText, usePermission } from '../session';

const statusColor: Record<SmsStatusCode, string> = {
  queued: 'processing',
  sent: 'success',
  failed: 'error',
  blocked: 'warning',
};

function GatewayBanner() {
  const { t } = useTranslation();
  const state = useSmsState();
  if (state.isError) return <LoadError error={state.error} onRetry={() => state.refetch()} />;
  if (!state.data) return null;
  if (!state.data.gatewayConfigured) {
    return (
      <Alert
        type="warning"
        showIcon
        className="sms-no-gateway"
        title={t('money.sms.noGatewayTitle')}
        description={t('money.sms.noGateway')}
      />
    );
  }
  return (
    <Alert
      type="success"
      showIcon
      className="sms-gateway"
      title={t('money.sms.gatewayTitle', { name: state.data.gateway ?? '' })}
      description={t('money.sms.gateway')}
    />
  );
}

function Counts() {
  const { t } = useTranslation();
  const state = useSmsState();
  const counts = state.data?.counts;
  return (
    <Card size="small" className="sms-counts">
      <Row gutter={16}>
        {SMS_STATUSES.map((status) => (
          <Col xs={12} md={6} key={status}>
            <Statistic
              title={t(`money.sms.counts.${status}`)}
              value={counts ? formatCount(counts[status]) : '—'}
              loading={state.isPending}
              styles={
                status === 'failed' && (counts?.failed ?? 0) > 0
                  ? { content: { color: '#cf1322' } }
                  : undefined
              }
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function SmsOutboxPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const canDispatch = usePermission('sms.dispatch');
  const [status, setStatus] = useState<SmsStatusCode | null>(null);
  const [page, setPage] = useState(1);
  const outbox = useSmsOutbox(status, page);
  const en = i18n.language === 'en';

  const dispatch = useMutation({
    mutationFn: () => api.post<SmsDispatchResultBody>('/sms/dispatch'),
    onSuccess: (result) => {
      const text = en ? result.messageEn : result.message;
      if (result.gatewayConfigured) message.success(text);
      else message.warning(text);
    },
    onError: (error) => message.error(errorText(error)),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['sms-state'] });
      void client.invalidateQueries({ queryKey: ['sms-outbox'] });
    },
  });

  const columns: TableColumnsType<SmsOutboxItemBody> = [
    { title: t('money.sms.list.queuedAt'), dataIndex: 'queuedAt', width: 130, render: formatDateTime },
    {
      title: t('money.sms.list.caseNo'),
      dataIndex: 'caseNo',
      width: 130,
      render: (caseNo: string, row) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${row.caseId}`}>{caseNo}</Link>
          <Typography.Text type="secondary">{row.debtorName}</Typography.Text>
        </Space>
      ),
    },
    { title: t('money.sms.list.phone'), dataIndex: 'phoneMasked', width: 120 },
    {
      title: t('money.sms.list.body'),
      dataIndex: 'body',
      width: 290,
      render: (body: string, row) => (
        <Space orientation="vertical" size={0} className="sms-body">
          {row.templateName && <Typography.Text type="secondary">{row.templateName}</Typography.Text>}
          <Typography.Text ellipsis={{ tooltip: body }} style={{ maxWidth: 270 }}>
            {body}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('money.sms.list.status'),
      dataIndex: 'status',
      width: 130,
      render: (value: SmsStatusCode, row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={statusColor[value]}>{t(`money.sms.counts.${value}`)}</Tag>
          {row.sentAt && <Typography.Text type="secondary">{formatDateTime(row.sentAt)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('money.sms.list.detail'),
      key: 'detail',
      width: 280,
      render: (_: unknown, row) => (
        <Typography.Text className="sms-detail" type={row.status === 'failed' ? 'danger' : undefined}>
          {(en ? row.statusDetailEn : row.statusDetail) ?? '—'}
        </Typography.Text>
      ),
    },
    { title: t('money.sms.list.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
  ];

  return (
    <div className="page sms-page">
      <GatewayBanner />
      <Counts />
      <Card
        title={t('money.sms.list.title')}
        size="small"
        className="table-card sms-outbox"
        extra={
          canDispatch && (
            <Tooltip title={t('money.sms.dispatchHint')}>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={dispatch.isPending}
                onClick={() => dispatch.mutate()}
                className="sms-dispatch"
              >
                {t('money.sms.dispatch')}
              </Button>
            </Tooltip>
          )
        }
      >
        <Space className="sms-filters">
          <Segmented<string>
            value={status ?? 'all'}
            onChange={(value) => {
              setStatus(value === 'all' ? null : (value as SmsStatusCode));
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('money.sms.list.all') },
              ...SMS_STATUSES.map((s) => ({ value: s, label: t(`money.sms.counts.${s}`) })),
            ]}
          />
        </Space>
        {outbox.isError ? (
          <LoadError error={outbox.error} onRetry={() => outbox.refetch()} />
        ) : (
          <Table<SmsOutboxItemBody>
            size="small"
            rowKey="id"
            className="sms-table"
            columns={columns}
            dataSource={outbox.data?.items}
            loading={outbox.isFetching}
            scroll={{ x: 1160 }}
            locale={{ emptyText: t('money.sms.list.empty') }}
            pagination={{
              current: page,
              pageSize: outbox.data?.pageSize ?? 20,
              total: outbox.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (count) => t('common.total', { total: formatCount(count) }),
              onChange: setPage,
            }}
          />
        )}
      </Card>
    </div>
  );
}
