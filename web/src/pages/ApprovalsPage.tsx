import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ComplaintBody, WaiverBody } from '../../../src/api/contract';
import { api } from '../api/client';
import { formatDateTime, formatFen } from '../lib/format';
import { useErrorText, usePermission } from '../session';

type Decision = { request: WaiverBody; decision: 'approve' | 'reject' };

/** The approval chain as tags: approved steps green, the current step blue, later steps grey. */
export function ChainTags({ waiver }: { waiver: WaiverBody }) {
  const { t } = useTranslation();
  return (
    <Space size={2} wrap className="waiver-chain">
      {waiver.chain.map((role, index) => {
        const done = index < waiver.approvedLevels;
        const current = waiver.status === 'pending' && index === waiver.approvedLevels;
        return (
          <Tag key={role} color={done ? 'success' : current ? 'processing' : 'default'}>
            {index + 1}. {t(`approvals.role.${role}`, { defaultValue: role })}
          </Tag>
        );
      })}
    </Space>
  );
}

function percent(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2)}%`;
}

function WaiversTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const inbox = useQuery({
    queryKey: ['approvals', 'waivers'],
    queryFn: () => api.get<WaiverBody[]>('/approvals/waivers', { status: 'pending' }),
  });
  const decide = useMutation({
    mutationFn: (input: { id: string; decision: 'approve' | 'reject'; note: string }) =>
      api.post<WaiverBody>(`/waivers/${input.id}/decision`, { decision: input.decision, note: input.note }),
    onSuccess: (result) => {
      message.success(
        result.status === 'approved'
          ? t('approvals.approvedFinal')
          : result.status === 'rejected'
            ? t('approvals.rejected')
            : t('approvals.approved'),
      );
      setDeciding(null);
      form.resetFields();
      void client.invalidateQueries({ queryKey: ['approvals'] });
      void client.invalidateQueries({ queryKey: ['case', result.caseId] });
      void client.invalidateQueries({ queryKey: ['case-requests', result.caseId] });
    },
    onError: (error) => message.error(errorText(error)),
  });

  const open = (request: WaiverBody, decision: 'approve' | 'reject') => {
    form.resetFields();
    setDeciding({ request, decision });
  };

  const columns: TableColumnsType<WaiverBody> = [
    {
      title: t('approvals.case'),
      key: 'case',
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${row.caseId}`}>{row.caseNo}</Link>
          <Typography.Text>{row.debtorName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('approvals.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: string) => (
        <Tag color={kind === 'settlement' ? 'purple' : 'orange'}>{t(`approvals.kindLabel.${kind}`)}</Tag>
      ),
    },
    {
      title: t('approvals.amount'),
      key: 'amount',
      align: 'right',
      width: 130,
      render: (_, row) => (
        <Space orientation="vertical" size={0} className="num" style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong className="waiver-amount">
            {formatFen(row.waiveFen)}
          </Typography.Text>
          {row.settleFen !== null && (
            <Typography.Text type="secondary">
              {t('approvals.settlePays', { amount: formatFen(row.settleFen) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('approvals.balance'),
      key: 'balance',
      align: 'right',
      width: 140,
      render: (_, row) => (
        <Space orientation="vertical" size={0} className="num" style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text>{formatFen(row.balanceFen)}</Typography.Text>
          {row.balanceFen !== row.balanceAtRequestFen && (
            <Typography.Text type="secondary">
              {t('approvals.balanceAtRequest', { amount: formatFen(row.balanceAtRequestFen) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('approvals.share'),
      dataIndex: 'basisPoints',
      align: 'right',
      width: 90,
      render: (value: number) => percent(value),
    },
    {
      title: t('approvals.reason'),
      key: 'reason',
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{row.reason}</Typography.Text>
          {row.evidence.length > 0 && (
            <Typography.Text type="secondary">
              {t('approvals.evidenceLine', { text: row.evidence.join('；') })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('approvals.chain'),
      key: 'chain',
      render: (_, row) => (
        <Space orientation="vertical" size={2}>
          <ChainTags waiver={row} />
          <Typography.Text type="secondary">
            {t('approvals.currentLevel', { level: row.approvedLevels + 1 })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('approvals.requester'),
      key: 'requester',
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{row.requestedByName}</Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(row.requestedAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('approvals.actions'),
      key: 'actions',
      width: 150,
      render: (_, row) => (
        <Space>
          <Button type="primary" size="small" className="waiver-approve" onClick={() => open(row, 'approve')}>
            {t('approvals.approve')}
          </Button>
          <Button danger size="small" className="waiver-reject" onClick={() => open(row, 'reject')}>
            {t('approvals.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  const submit = async () => {
    if (!deciding) return;
    const values = await form.validateFields();
    decide.mutate({ id: deciding.request.id, decision: deciding.decision, note: values.note?.trim() ?? '' });
  };

  return (
    <>
      <Table<WaiverBody>
        rowKey="id"
        className="waivers-table"
        columns={columns}
        dataSource={inbox.data ?? []}
        loading={inbox.isPending}
        pagination={false}
        locale={{ emptyText: inbox.isError ? errorText(inbox.error) : t('approvals.emptyWaivers') }}
      />
      <Modal
        open={deciding !== null}
        title={deciding?.decision === 'reject' ? t('approvals.rejectTitle') : t('approvals.approveTitle')}
        okText={deciding?.decision === 'reject' ? t('approvals.reject') : t('approvals.approve')}
        okButtonProps={{ danger: deciding?.decision === 'reject', loading: decide.isPending }}
        cancelText={t('common.cancel')}
        onOk={submit}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        {deciding && (
          <Typography.Paragraph>
            {deciding.request.caseNo} · {deciding.request.debtorName} ·{' '}
            {t(`approvals.kindLabel.${deciding.request.kind}`)} {formatFen(deciding.request.waiveFen)}（
            {percent(deciding.request.basisPoints)}）
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label={t('approvals.note')}
            rules={
              deciding?.decision === 'reject'
                ? [{ required: true, whitespace: true, min: 2, message: t('approvals.noteRequired') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('approvals.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ComplaintsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const [releasing, setReleasing] = useState<ComplaintBody | null>(null);
  const open = useQuery({
    queryKey: ['approvals', 'complaints'],
    queryFn: () => api.get<ComplaintBody[]>('/approvals/complaints'),
  });
  const release = useMutation({
    mutationFn: (input: { id: string; note: string }) =>
      api.post<ComplaintBody>(`/complaints/${input.id}/release`, { note: input.note }),
    onSuccess: (result) => {
      message.success(t('approvals.released'));
      setReleasing(null);
      void client.invalidateQueries({ queryKey: ['approvals'] });
      void client.invalidateQueries({ queryKey: ['case', result.caseId] });
      void client.invalidateQueries({ queryKey: ['case-requests', result.caseId] });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const columns: TableColumnsType<ComplaintBody> = [
    {
      title: t('approvals.case'),
      key: 'case',
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/cases/${row.caseId}`}>{row.caseNo}</Link>
          <Typography.Text>{row.debtorName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('approvals.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: string) => (
        <Tag color={kind === 'dispute' ? 'gold' : 'red'}>{t(`approvals.complaintKind.${kind}`)}</Tag>
      ),
    },
    {
      title: t('approvals.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (channel: string) => t(`approvals.channelLabel.${channel}`, { defaultValue: channel }),
    },
    { title: t('approvals.description'), dataIndex: 'description' },
    {
      title: t('approvals.raisedBy'),
      key: 'raised',
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{row.raisedByName ?? '—'}</Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(row.raisedAt)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('approvals.actions'),
      key: 'actions',
      width: 120,
      render: (_, row) => (
        <Button
          size="small"
          className="complaint-release"
          onClick={() => {
            form.resetFields();
            setReleasing(row);
          }}
        >
          {t('approvals.release')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<ComplaintBody>
        rowKey="id"
        className="complaints-table"
        columns={columns}
        dataSource={open.data ?? []}
        loading={open.isPending}
        pagination={false}
        locale={{ emptyText: open.isError ? errorText(open.error) : t('approvals.emptyComplaints') }}
      />
      <Modal
        open={releasing !== null}
        title={t('approvals.releaseTitle')}
        okText={t('approvals.release')}
        okButtonProps={{ loading: release.isPending }}
        cancelText={t('common.cancel')}
        onOk={async () => {
          if (!releasing) return;
          const values = await form.validateFields();
          release.mutate({ id: releasing.id, note: values.note.trim() });
        }}
        onCancel={() => setReleasing(null)}
        destroyOnHidden
      >
        {releasing && (
          <Typography.Paragraph>
            {releasing.caseNo} · {releasing.debtorName} · {releasing.description}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label={t('approvals.releaseNote')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('approvals.noteRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('approvals.releaseNotePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 审批: the waiver requests awaiting the user's level, and the open complaints to release. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const mayApprove = usePermission('waivers.approve');
  const mayRelease = usePermission('complaints.release');
  const items = [
    ...(mayApprove ? [{ key: 'waivers', label: t('approvals.waiversTab'), children: <WaiversTab /> }] : []),
    ...(mayRelease
      ? [{ key: 'complaints', label: t('approvals.complaintsTab'), children: <ComplaintsTab /> }]
      : []),
  ];
  return (
    <div className="page approvals-page">
      <Card title={t('approvals.title')}>
        <Tabs items={items} />
      </Card>
    </div>
  );
}
