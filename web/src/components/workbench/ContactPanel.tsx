import { PhoneOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import {
  type ContactDecisionBody,
  type ContactLogBody,
  type ContactLogResultBody,
  type GateStateBody,
  PROMISE_CHANNELS,
  type PromiseChannel,
  useActionCodes,
  useGatePreview,
  workbenchKeys,
} from '../../api/workbench';
import { formatDateTime } from '../../lib/format';
import { codeLabel } from '../../lib/labels';
import { useErrorText } from '../../session';

/** One gate state: green allowed, red blocked with the reasons and the next allowed time. */
export function GateState({ state, label }: { state: GateStateBody; label: string }) {
  const { t, i18n } = useTranslation();
  if (state.allowed) {
    return (
      <Tag color="success" className="gate-state gate-allowed">
        {label} · {t('workbench.allowed')}
      </Tag>
    );
  }
  return (
    <div className="gate-state gate-blocked">
      <Tag color="error">
        {label} · {t('workbench.blocked')}
      </Tag>
      <div className="gate-reasons">
        {state.messages.map((m) => (
          <Typography.Text key={m.code} type="danger" className="gate-reason" data-reason={m.code}>
            {i18n.language === 'en' ? m.en : m.zh}
          </Typography.Text>
        ))}
        <Typography.Text type="secondary" className="gate-next">
          {state.nextAllowedAt
            ? t('workbench.nextAllowed', { at: formatDateTime(state.nextAllowedAt) })
            : t('workbench.never')}
        </Typography.Text>
      </div>
    </div>
  );
}

interface OutcomeValues {
  actionCode?: string;
  note?: string;
  amountYuan?: number;
  dueDate?: Dayjs;
  channel?: PromiseChannel;
}

/** The outcome form of a reserved call: action code, notes, and the promise for a promise to pay. */
function OutcomeModal({ caseId, attemptId, onDone }: { caseId: string; attemptId: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<OutcomeValues>();
  const codes = useActionCodes();
  const code = Form.useWatch('actionCode', form);
  const isPromise = code === 'promise_to_pay';
  // Codes whose follow-up form this page can fill: none, or a promise.
  const options = (codes.data ?? [])
    .filter((c) => c.parties.includes('debtor') && (c.followUp === null || c.followUp === 'promise'))
    .map((c) => ({ value: c.code, label: i18n.language === 'en' ? c.en : c.zh }));
  const log = useMutation({
    mutationFn: (body: ContactLogBody) =>
      api.post<ContactLogResultBody>(`/cases/${encodeURIComponent(caseId)}/contact-log`, body),
  });
  const submit = (values: OutcomeValues) => {
    const body: ContactLogBody = {
      attemptId,
      actionCode: values.actionCode ?? '',
      note: values.note?.trim() || null,
      promise:
        isPromise && values.amountYuan && values.dueDate && values.channel
          ? {
              amountFen: Math.round(values.amountYuan * 100),
              dueDate: values.dueDate.format('YYYY-MM-DD'),
              channel: values.channel,
            }
          : null,
    };
    log.mutate(body, {
      onSuccess: () => {
        message.success(t('workbench.saved'));
        onDone();
      },
      onError: (error) => message.error(errorText(error)),
    });
  };
  return (
    <Modal
      open
      title={t('workbench.outcomeTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      okText={t('workbench.save')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: log.isPending, className: 'outcome-save' }}
      cancelButtonProps={{ style: { display: 'none' } }}
      className="outcome-modal"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('workbench.outcomeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="actionCode"
          label={t('workbench.actionCode')}
          rules={[{ required: true, message: t('workbench.required') }]}
        >
          <Select
            className="outcome-code"
            placeholder={t('workbench.actionCodePlaceholder')}
            options={options}
            loading={codes.isPending}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        {isPromise && (
          <Space size={12} wrap align="start" className="promise-fields">
            <Form.Item
              name="amountYuan"
              label={t('workbench.promiseAmount')}
              rules={[{ required: true, message: t('workbench.required') }]}
            >
              <InputNumber className="promise-amount" min={0.01} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="dueDate"
              label={t('workbench.promiseDate')}
              rules={[{ required: true, message: t('workbench.required') }]}
            >
              <DatePicker
                className="promise-date"
                disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(30, 'day'), 'day')}
              />
            </Form.Item>
            <Form.Item
              name="channel"
              label={t('workbench.promiseChannel')}
              rules={[{ required: true, message: t('workbench.required') }]}
            >
              <Select
                className="promise-channel"
                style={{ width: 160 }}
                options={PROMISE_CHANNELS.map((c) => ({
                  value: c,
                  label: codeLabel(t, 'promiseChannel', c),
                }))}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="note" label={t('workbench.note')}>
          <Input.TextArea
            className="outcome-note"
            rows={3}
            maxLength={2000}
            placeholder={t('workbench.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 联系: each of the debtor's phones with the gate's state now, a dial button, and the outcome form. */
export function ContactPanel({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const gate = useGatePreview(caseId);
  const [attemptId, setAttemptId] = useState<string | null>(null);
  const dial = useMutation({
    mutationFn: (phoneId: string) =>
      api.post<ContactDecisionBody>(`/cases/${encodeURIComponent(caseId)}/contact-attempts`, {
        channel: 'call',
        party: 'debtor',
        phoneId,
      }),
    onSuccess: (decision) => {
      if (decision.allowed && decision.attemptId) {
        setAttemptId(decision.attemptId);
      } else {
        const reasons = decision.messages.map((m) => (i18n.language === 'en' ? m.en : m.zh)).join('; ');
        message.warning(`${t('workbench.dialBlocked')}: ${reasons}`);
      }
      void queryClient.invalidateQueries({ queryKey: workbenchKeys.gate(caseId) });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const done = () => {
    setAttemptId(null);
    void queryClient.invalidateQueries({ queryKey: workbenchKeys.gate(caseId) });
    void queryClient.invalidateQueries({ queryKey: workbenchKeys.timeline(caseId) });
  };

  let body: ReactNode;
  if (gate.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (gate.isError) body = <Typography.Text type="danger">{errorText(gate.error)}</Typography.Text>;
  else if (gate.data.phones.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noPhones')} />;
  else
    body = (
      <div className="gate-phones">
        {gate.data.phones.map((phone) => (
          <div
            key={phone.phoneId}
            className="gate-phone"
            data-allowed={phone.call.allowed ? 'true' : 'false'}
          >
            <div className="gate-phone-head">
              <Space size={8}>
                <span className="gate-number">{phone.masked}</span>
                <Typography.Text type="secondary">{codeLabel(t, 'phoneType', phone.type)}</Typography.Text>
                {phone.validity === 'invalid' && <Tag>{codeLabel(t, 'validity', phone.validity)}</Tag>}
              </Space>
              <Button
                type="primary"
                icon={<PhoneOutlined />}
                className="dial-button"
                disabled={!phone.call.allowed}
                loading={dial.isPending && dial.variables === phone.phoneId}
                onClick={() => dial.mutate(phone.phoneId)}
              >
                {t('workbench.dial')}
              </Button>
            </div>
            <Space size={8} wrap align="start">
              <GateState state={phone.call} label={t('workbench.callState')} />
              <GateState state={phone.sms} label={t('workbench.smsState')} />
            </Space>
          </div>
        ))}
      </div>
    );

  return (
    <Card title={t('workbench.contact')} className="contact-panel">
      <Typography.Paragraph type="secondary" className="panel-hint">
        {t('workbench.contactHint')}
      </Typography.Paragraph>
      {body}
      {attemptId && <OutcomeModal caseId={caseId} attemptId={attemptId} onDone={done} />}
    </Card>
  );
}
