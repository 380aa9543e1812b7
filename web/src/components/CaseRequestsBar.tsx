import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ComplaintBody,
  ComplaintCreateBody,
  WaiverBody,
  WaiverCreateBody,
} from '../../../src/api/contract';
import { api } from '../api/client';
import type { CaseDetail } from '../api/types';
import { workbenchKeys } from '../api/workbench';
import { formatFen } from '../lib/format';
import { useErrorText, usePermission } from '../session';

const CHANNELS = ['phone', 'regulator', 'letter', 'email', 'visit', 'app', 'other'] as const;

interface WaiverForm {
  kind: 'waiver' | 'settlement';
  amountYuan: number;
  reason: string;
  evidence?: string;
}

interface ComplaintForm {
  kind: 'complaint' | 'dispute';
  channel: (typeof CHANNELS)[number];
  description: string;
}

/** Yuan with at most two decimals → whole fen. */
const toFen = (yuan: number): number => Math.round(yuan * 100);

/**
 * The case page's request bar: 申请减免 (waiver or settlement, sent up the approval chain) and 登记投诉
 * (freezes contact until released), with the case's pending waiver and open complaints as tags.
 */
export function CaseRequestsBar({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const caseId = detail.case.id;
  const mayRequest = usePermission('waivers.request');
  const [waiverOpen, setWaiverOpen] = useState(false);
  const [complaintOpen, setComplaintOpen] = useState(false);
  const [waiverForm] = Form.useForm<WaiverForm>();
  const [complaintForm] = Form.useForm<ComplaintForm>();
  const kind = Form.useWatch('kind', waiverForm) ?? 'waiver';

  const pending = useQuery({
    queryKey: ['case-requests', caseId, 'waivers'],
    queryFn: () => api.get<WaiverBody[]>(`/cases/${caseId}/waivers`, { status: 'pending' }),
    enabled: mayRequest,
  });
  const complaints = useQuery({
    queryKey: ['case-requests', caseId, 'complaints'],
    queryFn: () => api.get<ComplaintBody[]>(`/cases/${caseId}/complaints`),
  });

  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['case-requests', caseId] });
    void client.invalidateQueries({ queryKey: ['case', caseId] });
    void client.invalidateQueries({ queryKey: ['approvals'] });
    // A complaint freezes contact and a waiver changes the balance: the contact panel and timeline follow.
    void client.invalidateQueries({ queryKey: workbenchKeys.gate(caseId) });
    void client.invalidateQueries({ queryKey: workbenchKeys.timeline(caseId) });
  };

  const requestWaiver = useMutation({
    mutationFn: (body: WaiverCreateBody) => api.post<WaiverBody>(`/cases/${caseId}/waivers`, body),
    onSuccess: (created) => {
      const chain = created.chain
        .map((role) => t(`approvals.role.${role}`, { defaultValue: role }))
        .join(' → ');
      message.success(t('approvals.waiverSubmitted', { chain }));
      setWaiverOpen(false);
      refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });
  const raiseComplaint = useMutation({
    mutationFn: (body: ComplaintCreateBody) => api.post<ComplaintBody>(`/cases/${caseId}/complaints`, body),
    onSuccess: () => {
      message.success(t('approvals.complaintSubmitted'));
      setComplaintOpen(false);
      refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });

  const waiting = pending.data?.[0];
  const openCount = complaints.data?.length ?? 0;
  const caseOpen = detail.case.status === 'open';

  return (
    <div className="case-requests-bar" style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Space size={8} wrap>
        {waiting && (
          <Tag color="processing" className="case-pending-waiver">
            {t('approvals.pendingWaiver', { amount: formatFen(waiting.waiveFen) })}
          </Tag>
        )}
        {openCount > 0 && (
          <Tag color="error" className="case-open-complaints">
            {t('approvals.openComplaints', { count: openCount })}
          </Tag>
        )}
        {mayRequest && caseOpen && (
          <Button
            className="request-waiver"
            disabled={waiting !== undefined}
            onClick={() => {
              waiverForm.resetFields();
              setWaiverOpen(true);
            }}
          >
            {t('approvals.requestWaiver')}
          </Button>
        )}
        <Button
          danger
          className="raise-complaint"
          onClick={() => {
            complaintForm.resetFields();
            setComplaintOpen(true);
          }}
        >
          {t('approvals.raiseComplaint')}
        </Button>
      </Space>

      <Modal
        open={waiverOpen}
        title={t('approvals.requestWaiver')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: requestWaiver.isPending }}
        onCancel={() => setWaiverOpen(false)}
        onOk={async () => {
          const values = await waiverForm.validateFields();
          const evidence = values.evidence?.trim();
          requestWaiver.mutate({
            kind: values.kind,
            amountFen: toFen(values.amountYuan),
            reason: values.reason.trim(),
            ...(evidence ? { evidence: [evidence] } : {}),
          });
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('detail.balance')}：{formatFen(detail.case.balanceFen)}
        </Typography.Paragraph>
        <Form form={waiverForm} layout="vertical" initialValues={{ kind: 'waiver' }} className="waiver-form">
          <Form.Item name="kind" label={t('approvals.waiverKind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'waiver', label: t('approvals.kindLabel.waiver') },
                { value: 'settlement', label: t('approvals.kindLabel.settlement') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label={kind === 'settlement' ? t('approvals.settlementAmount') : t('approvals.waiverAmount')}
            rules={[{ required: true, message: t('approvals.amountRequired') }]}
          >
            <InputNumber
              min={0.01}
              max={detail.case.balanceFen / 100}
              precision={2}
              prefix="¥"
              className="waiver-amount-input"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('approvals.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('approvals.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('approvals.reasonPlaceholder')} />
          </Form.Item>
          <Form.Item name="evidence" label={t('approvals.evidence')}>
            <Input maxLength={1000} placeholder={t('approvals.evidencePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={complaintOpen}
        title={t('approvals.raiseComplaint')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: raiseComplaint.isPending, danger: true }}
        onCancel={() => setComplaintOpen(false)}
        onOk={async () => {
          const values = await complaintForm.validateFields();
          raiseComplaint.mutate({ ...values, description: values.description.trim() });
        }}
        destroyOnHidden
      >
        <Form
          form={complaintForm}
          layout="vertical"
          initialValues={{ kind: 'complaint', channel: 'phone' }}
          className="complaint-form"
        >
          <Form.Item name="kind" label={t('approvals.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'complaint', label: t('approvals.complaintKind.complaint') },
                { value: 'dispute', label: t('approvals.complaintKind.dispute') },
              ]}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('approvals.channel')}>
            <Select
              options={CHANNELS.map((value) => ({ value, label: t(`approvals.channelLabel.${value}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('approvals.description')}
            rules={[
              { required: true, whitespace: true, min: 2, message: t('approvals.descriptionRequired') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
