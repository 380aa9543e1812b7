import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Collapse,
  Empty,
  Input,
  Select,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import {
  type CaseNoteBody,
  type TimelineEntryBody,
  useActionCodes,
  useCaseScripts,
  useTimeline,
  workbenchKeys,
} from '../../api/workbench';
import { formatDateTime, formatFen } from '../../lib/format';
import { codeLabel } from '../../lib/labels';
import { useErrorText, usePermission } from '../../session';

const OBJECTIONS = [
  'no_money',
  'lost_job',
  'illness',
  'already_paid',
  'pay_later',
  'spouse_will_pay',
  'not_my_spending',
  'send_bill_first',
  'fees_unfair',
  'sue_me',
  'want_supervisor',
  'hostile',
  'company_process_delay',
  'company_cashflow',
  'quality_dispute',
  'responsible_person_left',
  'deceased_relative',
  'refuses_to_talk',
] as const;

const kindColor: Record<TimelineEntryBody['kind'], string> = {
  contact: 'blue',
  promise: 'orange',
  payment: 'green',
  note: 'gray',
  bucket: 'purple',
  assignment: 'cyan',
};

function EntryText({ entry }: { entry: TimelineEntryBody }) {
  const { t, i18n } = useTranslation();
  const codes = useActionCodes();
  const en = i18n.language === 'en';
  if (entry.contact) {
    const c = entry.contact;
    const code = codes.data?.find((a) => a.code === c.actionCode);
    return (
      <Space direction="vertical" size={2}>
        <Space size={6} wrap>
          <span>{codeLabel(t, 'contactChannel', c.channel)}</span>
          <span>{codeLabel(t, 'party', c.party)}</span>
          {c.phone && <span className="timeline-phone">{c.phone}</span>}
          {code ? (
            <Tag color="blue" className="timeline-action-code">
              {en ? code.en : code.zh}
            </Tag>
          ) : (
            <Tag>
              {c.outcome
                ? codeLabel(t, 'contactOutcome', c.outcome)
                : codeLabel(t, 'attemptStatus', c.status)}
            </Tag>
          )}
        </Space>
        {c.note && <Typography.Text className="timeline-note">{c.note}</Typography.Text>}
      </Space>
    );
  }
  if (entry.promise) {
    const p = entry.promise;
    return (
      <Space size={6} wrap className="timeline-promise">
        <span>
          {t('workbench.promiseLine', {
            amount: formatFen(p.amountFen),
            date: p.dueDate,
            channel: codeLabel(t, 'promiseChannel', p.channel),
          })}
        </span>
        <Tag color={p.status === 'kept' ? 'success' : p.status === 'broken' ? 'error' : 'processing'}>
          {codeLabel(t, 'promiseStatus', p.status)}
        </Tag>
      </Space>
    );
  }
  if (entry.payment) {
    const p = entry.payment;
    return (
      <Space direction="vertical" size={2} className="timeline-payment">
        <Space size={6} wrap>
          <span>
            {t('workbench.paymentLine', {
              amount: formatFen(p.amountFen),
              channel: codeLabel(t, 'paymentChannel', p.channel),
            })}
          </span>
          <Tag color={p.status === 'posted' ? 'success' : 'default'}>
            {codeLabel(t, 'paymentStatus', p.status)}
          </Tag>
        </Space>
        <Typography.Text type="secondary">
          {t('workbench.allocation', {
            fees: formatFen(p.allocation.feesFen),
            penalty: formatFen(p.allocation.penaltyFen),
            interest: formatFen(p.allocation.interestFen),
            principal: formatFen(p.allocation.principalFen),
          })}
        </Typography.Text>
      </Space>
    );
  }
  if (entry.note) return <Typography.Text className="timeline-note">{entry.note.body}</Typography.Text>;
  if (entry.bucket) {
    const b = entry.bucket;
    return (
      <Space size={6}>
        <span>{t('workbench.bucketMove', { from: b.fromBucket ?? '—', to: b.toBucket ?? '—' })}</span>
        <Tag>{codeLabel(t, 'bucketReason', b.reason)}</Tag>
      </Space>
    );
  }
  if (entry.assignment) {
    const a = entry.assignment;
    return (
      <span>
        {t('workbench.assignmentLine', { from: a.fromCollector ?? '—', to: a.toCollector ?? '—' })} ·{' '}
        {reasonIn(a.reason, i18n.language)}
      </span>
    );
  }
  return null;
}

function NotesBox({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const save = useMutation({
    mutationFn: (text: string) =>
      api.post<CaseNoteBody>(`/cases/${encodeURIComponent(caseId)}/notes`, { body: text }),
    onSuccess: () => {
      setBody('');
      message.success(t('workbench.noteSaved'));
      void queryClient.invalidateQueries({ queryKey: workbenchKeys.timeline(caseId) });
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <div className="notes-box">
      <Input.TextArea
        rows={2}
        maxLength={2000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={t('workbench.notePlaceholderCase')}
      />
      <Button
        className="note-save"
        disabled={body.trim() === ''}
        loading={save.isPending}
        onClick={() => save.mutate(body.trim())}
      >
        {t('workbench.addNote')}
      </Button>
    </div>
  );
}

function TimelineTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const canNote = usePermission('contacts.create');
  const timeline = useTimeline(caseId);
  let content: ReactNode;
  if (timeline.isPending) content = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (timeline.isError)
    content = <Typography.Text type="danger">{errorText(timeline.error)}</Typography.Text>;
  else if (timeline.data.length === 0)
    content = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.timelineEmpty')} />;
  else
    content = (
      <Timeline
        className="case-timeline"
        items={timeline.data.map((entry) => ({
          key: entry.id,
          color: kindColor[entry.kind],
          content: (
            <div className="timeline-entry" data-kind={entry.kind}>
              <Space size={8} className="timeline-head">
                <Tag color={kindColor[entry.kind]}>{codeLabel(t, 'timelineKind', entry.kind)}</Tag>
                <Typography.Text type="secondary">
                  {entry.kind === 'bucket' ? entry.at.slice(0, 10) : formatDateTime(entry.at)}
                </Typography.Text>
                {entry.actor && <Typography.Text type="secondary">{entry.actor}</Typography.Text>}
              </Space>
              <div className="timeline-body">
                <EntryText entry={entry} />
              </div>
            </div>
          ),
        }))}
      />
    );
  return (
    <div>
      {canNote && <NotesBox caseId={caseId} />}
      {content}
    </div>
  );
}

function ScriptsTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [objection, setObjection] = useState<string | null>(null);
  const scripts = useCaseScripts(caseId, objection);
  const en = i18n.language === 'en';
  return (
    <div className="scripts-panel">
      <Space size={8} wrap className="scripts-toolbar">
        <span>{t('workbench.objection')}</span>
        <Select
          allowClear
          className="objection-select"
          style={{ minWidth: 240 }}
          placeholder={t('workbench.objectionPlaceholder')}
          value={objection}
          onChange={(value) => setObjection(value ?? null)}
          options={OBJECTIONS.map((o) => ({ value: o, label: t(`objection.${o}`) }))}
        />
        {scripts.data?.stage && <Tag>{t('workbench.stage', { stage: scripts.data.stage })}</Tag>}
      </Space>
      {scripts.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : scripts.isError ? (
        <Typography.Text type="danger">{errorText(scripts.error)}</Typography.Text>
      ) : scripts.data.scripts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.scriptsEmpty')} />
      ) : (
        <Collapse
          size="small"
          className="script-list"
          defaultActiveKey={scripts.data.scripts.slice(0, 1).map((s) => s.key)}
          items={scripts.data.scripts.map((s) => ({
            key: s.key,
            label: (
              <Space size={8} data-purpose={s.purpose} className="script-title">
                <Tag color={s.purpose === 'objection' ? 'volcano' : 'blue'}>
                  {codeLabel(t, 'scriptPurpose', s.purpose)}
                </Tag>
                <span>{en ? s.titleEn : s.titleZh}</span>
              </Space>
            ),
            children: (
              <div className="script-body">
                <Typography.Paragraph className="script-text">{s.textZh}</Typography.Paragraph>
                <Typography.Text type="secondary" className="script-why">
                  <strong>{t('workbench.why')}</strong> {en ? s.whyEn : s.whyZh}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}

/** The case's work area: timeline (with notes) and the talk tracks (话术). */
export function CaseWorkTabs({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <Card className="work-tabs">
      <Tabs
        items={[
          { key: 'timeline', label: t('workbench.tabs.timeline'), children: <TimelineTab caseId={caseId} /> },
          { key: 'scripts', label: t('workbench.tabs.scripts'), children: <ScriptsTab caseId={caseId} /> },
        ]}
      />
    </Card>
  );
}

/** A reason the system wrote in both languages ("中文\nEnglish") in the reader's; a person's reason as typed. */
function reasonIn(stored: string, language: string): string {
  const at = stored.indexOf('\n');
  if (at < 0) return stored;
  return language === 'en' ? stored.slice(at + 1) : stored.slice(0, at);
}
