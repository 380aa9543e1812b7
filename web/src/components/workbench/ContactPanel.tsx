import { PhoneOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Divider,
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
import { ApiError, api } from '../../api/client';
import {
  CLAIM_CHANNELS,
  COMPLAINT_CHANNELS,
  type ContactLogEffectBody,
  DEFAULT_STATED_REASON,
  DISPUTE_TYPES,
  type FollowUpBody,
  followupKeys,
  type PhoneTarget,
  RIGHT_PARTY_CODES,
  STATED_REASONS,
  useContactTargets,
} from '../../api/followup';
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

/** The reserved attempt being logged, and who it reached. */
interface OpenAttempt {
  attemptId: string;
  party: 'debtor' | 'third_party';
  contactName: string | null;
}

interface OutcomeValues {
  actionCode?: string;
  note?: string;
  statedReason?: string;
  amountYuan?: number;
  dueDate?: Dayjs;
  channel?: PromiseChannel;
  callbackAt?: Dayjs;
  complaintChannel?: string;
  description?: string;
  disputeType?: string;
  claimAmountYuan?: number;
  paidOn?: Dayjs;
  claimChannel?: string;
  reference?: string;
  reportedBy?: string;
  relation?: string;
  summary?: string;
}

const yuanToFen = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100);

/** The follow-up form of the chosen code, from the form's values. */
function followUpOf(form: string | null, v: OutcomeValues): FollowUpBody | null {
  switch (form) {
    case 'promise':
      return {
        form: 'promise',
        amountFen: yuanToFen(v.amountYuan),
        dueDate: v.dueDate?.format('YYYY-MM-DD') ?? '',
        channel: v.channel as PromiseChannel,
      };
    case 'callback':
      return { form: 'callback', callbackAt: v.callbackAt?.second(0).millisecond(0).format() ?? '' };
    case 'complaint':
      return {
        form: 'complaint',
        channel: v.complaintChannel as (typeof COMPLAINT_CHANNELS)[number],
        description: v.description?.trim() ?? '',
      };
    case 'dispute':
      return {
        form: 'dispute',
        disputeType: v.disputeType as (typeof DISPUTE_TYPES)[number],
        description: v.description?.trim() ?? '',
      };
    case 'payment_claim':
      return {
        form: 'payment_claim',
        amountFen: yuanToFen(v.claimAmountYuan),
        paidOn: v.paidOn?.format('YYYY-MM-DD') ?? '',
        channel: v.claimChannel as (typeof CLAIM_CHANNELS)[number],
        reference: v.reference?.trim() || null,
      };
    case 'deceased_report':
      return {
        form: 'deceased_report',
        reportedBy: v.reportedBy?.trim() ?? '',
        relation: v.relation?.trim() || null,
        summary: v.summary?.trim() ?? '',
      };
    case 'hardship':
      return { form: 'hardship', summary: v.summary?.trim() ?? '' };
    default:
      return null;
  }
}

/** The form field a server problem names (e.g. followUp.callbackAt → callbackAt), for the chosen form. */
function formFieldOf(serverField: string, form: string | null): keyof OutcomeValues | null {
  const field = serverField.replace(/^body\./, '');
  const inner = field.replace(/^followUp\./, '');
  if (field === 'statedReason' || field === 'actionCode' || field === 'note') return field;
  if (!field.startsWith('followUp.')) return null;
  switch (inner) {
    case 'amountFen':
      return form === 'payment_claim' ? 'claimAmountYuan' : 'amountYuan';
    case 'channel':
      return form === 'complaint'
        ? 'complaintChannel'
        : form === 'payment_claim'
          ? 'claimChannel'
          : 'channel';
    case 'dueDate':
    case 'callbackAt':
    case 'description':
    case 'disputeType':
    case 'paidOn':
    case 'reference':
    case 'reportedBy':
    case 'relation':
    case 'summary':
      return inner;
    default:
      return null;
  }
}

/** What a logged contact did, in words ("已冻结联系", "已创建回访任务 11-26 10:00", ...). */
export function useEffectText() {
  const { t } = useTranslation();
  return (effect: ContactLogEffectBody): string => {
    const at = effect.at ? dayjs(effect.at).format('MM-DD HH:mm') : '';
    const reason = effect.statedReason ? t(`followup.statedReason.${effect.statedReason}`) : '';
    return t(`followup.effect.${effect.kind}`, { at, reason });
  };
}

/** The outcome form of a reserved contact: action code, the code's follow-up form, stated reason, notes. */
function OutcomeModal({
  caseId,
  attempt,
  onDone,
}: {
  caseId: string;
  attempt: OpenAttempt;
  onDone(result: ContactLogResultBody): void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<OutcomeValues>();
  const codes = useActionCodes();
  const code = Form.useWatch('actionCode', form);
  const chosen = codes.data?.find((c) => c.code === code) ?? null;
  const followUp = chosen?.followUp ?? null;
  const rightParty = attempt.party === 'debtor' && code !== undefined && RIGHT_PARTY_CODES.includes(code);
  const options = (codes.data ?? [])
    .filter((c) => c.parties.includes(attempt.party))
    .map((c) => ({ value: c.code, label: i18n.language === 'en' ? c.en : c.zh }));
  const required = [{ required: true, message: t('workbench.required') }];
  const log = useMutation({
    mutationFn: (body: ContactLogBody) =>
      api.post<ContactLogResultBody>(`/cases/${encodeURIComponent(caseId)}/contact-log`, body),
  });
  const onCode = (value: string) => {
    const fallback = DEFAULT_STATED_REASON[value];
    if (fallback && !form.getFieldValue('statedReason')) form.setFieldValue('statedReason', fallback);
  };
  const submit = (values: OutcomeValues) => {
    const body: ContactLogBody = {
      attemptId: attempt.attemptId,
      actionCode: values.actionCode ?? '',
      note: values.note?.trim() || null,
      followUp: followUpOf(followUp, values),
      statedReason:
        rightParty && values.statedReason ? (values.statedReason as ContactLogBody['statedReason']) : null,
    };
    log.mutate(body, {
      onSuccess: (result) => {
        message.success(t('workbench.saved'));
        onDone(result);
      },
      onError: (error) => {
        const field =
          error instanceof ApiError ? (error.details as { field?: string } | undefined)?.field : undefined;
        const name = field ? formFieldOf(field, followUp) : null;
        if (name && error instanceof ApiError) {
          form.setFields([{ name, errors: [errorText(error)] }]);
        }
        message.error(errorText(error));
      },
    });
  };

  const today = dayjs();
  const followUpFields: ReactNode = (() => {
    switch (followUp) {
      case 'promise':
        return (
          <Space size={12} wrap align="start" className="promise-fields">
            <Form.Item name="amountYuan" label={t('workbench.promiseAmount')} rules={required}>
              <InputNumber className="promise-amount" min={0.01} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="dueDate" label={t('workbench.promiseDate')} rules={required}>
              <DatePicker
                className="promise-date"
                disabledDate={(d) => d.isBefore(today, 'day') || d.isAfter(today.add(30, 'day'), 'day')}
              />
            </Form.Item>
            <Form.Item name="channel" label={t('workbench.promiseChannel')} rules={required}>
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
        );
      case 'callback':
        return (
          <Form.Item
            name="callbackAt"
            label={t('followup.form.callbackAt')}
            rules={required}
            extra={t('followup.form.callbackHint')}
            className="callback-fields"
          >
            <DatePicker
              className="callback-at"
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              needConfirm={false}
              disabledDate={(d) => d.isBefore(today, 'day') || d.isAfter(today.add(30, 'day'), 'day')}
            />
          </Form.Item>
        );
      case 'complaint':
        return (
          <div className="complaint-fields">
            <Typography.Paragraph type="warning">{t('followup.form.complaintHint')}</Typography.Paragraph>
            <Form.Item name="complaintChannel" label={t('followup.form.complaintChannel')} rules={required}>
              <Select
                className="complaint-channel"
                style={{ width: 220 }}
                options={COMPLAINT_CHANNELS.map((c) => ({
                  value: c,
                  label: t(`followup.complaintChannel.${c}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="description" label={t('followup.form.complaintDescription')} rules={required}>
              <Input.TextArea
                className="followup-description"
                rows={3}
                maxLength={2000}
                placeholder={t('followup.form.descriptionPlaceholder')}
              />
            </Form.Item>
          </div>
        );
      case 'dispute':
        return (
          <div className="dispute-fields">
            <Typography.Paragraph type="warning">{t('followup.form.disputeHint')}</Typography.Paragraph>
            <Form.Item name="disputeType" label={t('followup.form.disputeType')} rules={required}>
              <Select
                className="dispute-type"
                style={{ width: 240 }}
                options={DISPUTE_TYPES.map((c) => ({ value: c, label: t(`followup.disputeType.${c}`) }))}
              />
            </Form.Item>
            <Form.Item name="description" label={t('followup.form.disputeDescription')} rules={required}>
              <Input.TextArea
                className="followup-description"
                rows={3}
                maxLength={2000}
                placeholder={t('followup.form.descriptionPlaceholder')}
              />
            </Form.Item>
          </div>
        );
      case 'payment_claim':
        return (
          <div className="claim-fields">
            <Typography.Paragraph type="secondary">{t('followup.form.claimHint')}</Typography.Paragraph>
            <Space size={12} wrap align="start">
              <Form.Item name="claimAmountYuan" label={t('followup.form.claimAmount')} rules={required}>
                <InputNumber className="claim-amount" min={0.01} precision={2} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="paidOn" label={t('followup.form.claimDate')} rules={required}>
                <DatePicker className="claim-date" disabledDate={(d) => d.isAfter(today, 'day')} />
              </Form.Item>
            </Space>
            <Space size={12} wrap align="start">
              <Form.Item name="claimChannel" label={t('followup.form.claimChannel')} rules={required}>
                <Select
                  className="claim-channel"
                  style={{ width: 220 }}
                  options={CLAIM_CHANNELS.map((c) => ({ value: c, label: t(`followup.claimChannel.${c}`) }))}
                />
              </Form.Item>
              <Form.Item name="reference" label={t('followup.form.claimReference')}>
                <Input className="claim-reference" maxLength={100} style={{ width: 220 }} />
              </Form.Item>
            </Space>
          </div>
        );
      case 'deceased_report':
        return (
          <div className="deceased-fields">
            <Typography.Paragraph type="warning">{t('followup.form.deceasedHint')}</Typography.Paragraph>
            <Space size={12} wrap align="start">
              <Form.Item name="reportedBy" label={t('followup.form.reportedBy')} rules={required}>
                <Input className="deceased-reporter" maxLength={100} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="relation" label={t('followup.form.relation')}>
                <Input className="deceased-relation" maxLength={50} style={{ width: 140 }} />
              </Form.Item>
            </Space>
            <Form.Item name="summary" label={t('followup.form.deceasedSummary')} rules={required}>
              <Input.TextArea className="followup-summary" rows={2} maxLength={2000} />
            </Form.Item>
          </div>
        );
      case 'hardship':
        return (
          <Form.Item
            name="summary"
            label={t('followup.form.hardshipSummary')}
            rules={required}
            extra={t('followup.form.hardshipHint')}
            className="hardship-fields"
          >
            <Input.TextArea className="followup-summary" rows={3} maxLength={2000} />
          </Form.Item>
        );
      default:
        return null;
    }
  })();

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
      width={600}
    >
      <Typography.Paragraph type="secondary">
        {t('workbench.outcomeHint')}
        {attempt.contactName && (
          <>
            {' '}
            <Tag className="outcome-party">
              {t('followup.targets.outcomeFor', { name: attempt.contactName })}
            </Tag>
          </>
        )}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="actionCode" label={t('workbench.actionCode')} rules={required}>
          <Select
            className="outcome-code"
            placeholder={t('workbench.actionCodePlaceholder')}
            options={options}
            loading={codes.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={onCode}
          />
        </Form.Item>
        {followUpFields}
        {rightParty && (
          <Form.Item name="statedReason" label={t('followup.form.statedReason')}>
            <Select
              allowClear
              className="stated-reason"
              placeholder={t('followup.form.statedReasonPlaceholder')}
              options={STATED_REASONS.map((r) => ({ value: r, label: t(`followup.statedReason.${r}`) }))}
            />
          </Form.Item>
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

function PhoneMark({ target }: { target: PhoneTarget | undefined }) {
  const { t } = useTranslation();
  if (!target?.mark) return null;
  return (
    <Tag color="error" className="phone-mark" data-mark={target.mark}>
      {target.mark === 'invalid_number'
        ? t('followup.targets.markInvalid')
        : t('followup.targets.markWrongParty')}
      {target.markedAt ? ` · ${dayjs(target.markedAt).format('MM-DD HH:mm')}` : ''}
    </Tag>
  );
}

/** The third parties of the case: who refused (never contacted again), and the gate's answer for the others. */
function ThirdParties({
  caseId,
  dialing,
  onDial,
}: {
  caseId: string;
  dialing: string | null;
  onDial(contactId: string, name: string): void;
}) {
  const { t } = useTranslation();
  const targets = useContactTargets(caseId);
  const parties = targets.data?.thirdParties ?? [];
  if (parties.length === 0) return null;
  return (
    <div className="third-parties">
      <Divider titlePlacement="start" plain className="third-title">
        {t('followup.targets.thirdParties')}
      </Divider>
      <Typography.Paragraph type="secondary" className="panel-hint">
        {t('followup.targets.thirdHint')}
      </Typography.Paragraph>
      {parties.map((p) => (
        <div
          key={p.contactId}
          className="third-party"
          data-refused={p.refused ? 'true' : 'false'}
          data-allowed={p.call?.allowed ? 'true' : 'false'}
        >
          <div className="gate-phone-head">
            <Space size={8} wrap>
              <span className="third-name">{p.name}</span>
              <Typography.Text type="secondary">{p.relation || '—'}</Typography.Text>
              {p.debtRelated && <Tag color="volcano">{t('followup.targets.debtRelated')}</Tag>}
              <span className="gate-number">{p.phone ?? t('followup.targets.noPhone')}</span>
              {p.refused && (
                <Tag color="error" className="third-refused">
                  {t('followup.targets.refused')}
                </Tag>
              )}
              {!p.refused && p.phoneValidity === 'invalid' && <Tag>{t('followup.targets.phoneInvalid')}</Tag>}
            </Space>
            {!p.refused && p.call && (
              <Button
                size="small"
                icon={<PhoneOutlined />}
                className="dial-third"
                disabled={!p.call.allowed}
                loading={dialing === p.contactId}
                onClick={() => onDial(p.contactId, p.name)}
              >
                {t('followup.targets.dialThird')}
              </Button>
            )}
          </div>
          {!p.refused && p.call && !p.call.allowed && (
            <GateState state={p.call} label={t('workbench.callState')} />
          )}
        </div>
      ))}
    </div>
  );
}

/**
 * 联系: each of the debtor's phones with the gate's state now (numbers a log marked invalid or wrong party
 * are no longer offered), the third parties, a dial button, the outcome form, and what the last log did.
 */
export function ContactPanel({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const effectText = useEffectText();
  const queryClient = useQueryClient();
  const gate = useGatePreview(caseId);
  const targets = useContactTargets(caseId);
  const [attempt, setAttempt] = useState<OpenAttempt | null>(null);
  const [effects, setEffects] = useState<ContactLogEffectBody[] | null>(null);
  const dial = useMutation({
    mutationFn: (target: { phoneId?: string; contactId?: string; name?: string }) =>
      api.post<ContactDecisionBody>(`/cases/${encodeURIComponent(caseId)}/contact-attempts`, {
        channel: 'call',
        party: target.contactId ? 'third_party' : 'debtor',
        ...(target.contactId ? { contactId: target.contactId } : { phoneId: target.phoneId }),
      }),
    onSuccess: (decision, target) => {
      if (decision.allowed && decision.attemptId) {
        setEffects(null);
        setAttempt({
          attemptId: decision.attemptId,
          party: target.contactId ? 'third_party' : 'debtor',
          contactName: target.name ?? null,
        });
      } else {
        const reasons = decision.messages.map((m) => (i18n.language === 'en' ? m.en : m.zh)).join('; ');
        message.warning(`${t('workbench.dialBlocked')}: ${reasons}`);
      }
      void queryClient.invalidateQueries({ queryKey: workbenchKeys.gate(caseId) });
      void queryClient.invalidateQueries({ queryKey: followupKeys.targets(caseId) });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const done = (result: ContactLogResultBody) => {
    setAttempt(null);
    setEffects(result.effects);
    void queryClient.invalidateQueries({ queryKey: workbenchKeys.gate(caseId) });
    void queryClient.invalidateQueries({ queryKey: workbenchKeys.timeline(caseId) });
    void queryClient.invalidateQueries({ queryKey: followupKeys.targets(caseId) });
    void queryClient.invalidateQueries({ queryKey: followupKeys.tasksAll });
    void queryClient.invalidateQueries({ queryKey: followupKeys.promisesDue });
    // Holds and flags on the case header (complaint freeze, deceased) may have changed.
    void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
  };
  const marks = new Map((targets.data?.phones ?? []).map((p) => [p.phoneId, p]));
  const dialingId = dial.isPending ? (dial.variables?.phoneId ?? dial.variables?.contactId ?? null) : null;

  let body: ReactNode;
  if (gate.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (gate.isError) body = <Typography.Text type="danger">{errorText(gate.error)}</Typography.Text>;
  else if (gate.data.phones.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noPhones')} />;
  else
    body = (
      <div className="gate-phones">
        {gate.data.phones.map((phone) => {
          const invalid = phone.validity === 'invalid';
          const mark = marks.get(phone.phoneId);
          return (
            <div
              key={phone.phoneId}
              className="gate-phone"
              data-allowed={!invalid && phone.call.allowed ? 'true' : 'false'}
              data-validity={phone.validity}
            >
              <div className="gate-phone-head">
                <Space size={8} wrap>
                  <span className="gate-number">{phone.masked}</span>
                  <Typography.Text type="secondary">{codeLabel(t, 'phoneType', phone.type)}</Typography.Text>
                  {invalid && !mark?.mark && <Tag>{codeLabel(t, 'validity', phone.validity)}</Tag>}
                  <PhoneMark target={mark} />
                </Space>
                {invalid ? (
                  <Typography.Text type="secondary" className="phone-not-offered">
                    {t('followup.targets.notOffered')}
                  </Typography.Text>
                ) : (
                  <Button
                    type="primary"
                    icon={<PhoneOutlined />}
                    className="dial-button"
                    disabled={!phone.call.allowed}
                    loading={dialingId === phone.phoneId}
                    onClick={() => dial.mutate({ phoneId: phone.phoneId })}
                  >
                    {t('workbench.dial')}
                  </Button>
                )}
              </div>
              {!invalid && (
                <Space size={8} wrap align="start">
                  <GateState state={phone.call} label={t('workbench.callState')} />
                  <GateState state={phone.sms} label={t('workbench.smsState')} />
                </Space>
              )}
            </div>
          );
        })}
      </div>
    );

  return (
    <Card title={t('workbench.contact')} className="contact-panel">
      <Typography.Paragraph type="secondary" className="panel-hint">
        {t('workbench.contactHint')}
      </Typography.Paragraph>
      {effects && effects.length > 0 && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setEffects(null) }}
          className="log-effects"
          title={t('followup.effect.title')}
          description={
            <ul className="log-effects-list">
              {effects.map((effect) => (
                <li key={effect.kind} data-effect={effect.kind}>
                  {effectText(effect)}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {body}
      <ThirdParties
        caseId={caseId}
        dialing={dialingId}
        onDial={(contactId, name) => dial.mutate({ contactId, name })}
      />
      {attempt && <OutcomeModal caseId={caseId} attempt={attempt} onDone={done} />}
    </Card>
  );
}
