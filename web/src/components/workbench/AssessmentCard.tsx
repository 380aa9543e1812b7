/**
 * The case's assessment on the case page: the priority total with the points of each factor, the
 * delinquency class (四类) with its reasons and the manual override (cases.classify, a reason required),
 * the debtor profile (personality, risk signals, evidence of means; cases.tag), and the strategy segment
 * that applies with why, its plan and its escalations (those already reached marked).
 */
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAssessmentBody, CaseTagsBody, ClassOverrideBody } from '../../../../src/api/contract';
import { ApiError, api } from '../../api/client';
import { formatDate, formatDateTime } from '../../lib/format';
import { useErrorText, usePermission } from '../../session';
import { ACTION_COLORS, CHANNEL_COLORS, escalationText } from '../strategy/strategyText';
import '../strategy/strategy.css';

const PERSONALITIES = ['strong', 'scheming', 'cooperative', 'emotional', 'stubborn', 'vain'] as const;
const RISK_SIGNALS = [
  'lost_contact',
  'multiple_lenders',
  'asset_transfer',
  'complaint',
  'fraud_suspected',
  'enforcement_debtor',
  'bankruptcy',
  'deceased',
] as const;
const ABILITY_EVIDENCE = ['employed', 'business_operating', 'assets_known', 'high_spending'] as const;
const CLASSES = [1, 2, 3, 4] as const;

export const assessmentKey = (caseId: string) => ['case-assessment', caseId] as const;

function useSaved(caseId: string) {
  const client = useQueryClient();
  return (saved: CaseAssessmentBody) => {
    client.setQueryData(assessmentKey(caseId), saved);
    // The priority and class on the case header follow.
    void client.invalidateQueries({ queryKey: ['case', caseId] });
  };
}

/** The field a refused save names, with its reason in the UI language. */
function fieldError(error: unknown, en: boolean): { field: string; text: string } | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  const field = (error.details as { field?: string } | undefined)?.field ?? '';
  return { field: field.replace(/^body\./, ''), text: en ? error.messageEn : error.messageZh };
}

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <div className={`assessment-section ${className ?? ''}`}>
      <Typography.Text strong className="assessment-section-title">
        {title}
      </Typography.Text>
      {children}
    </div>
  );
}

function PriorityPart({ data }: { data: CaseAssessmentBody }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const p = data.priority;
  return (
    <Section title={t('strategy.assessment.priority')} className="assessment-priority">
      <Space align="baseline" size={12}>
        <span className="assessment-total" data-total={p.total}>
          {p.total}
        </span>
        <Tag color={p.callable ? 'green' : 'red'}>
          {p.callable ? t('strategy.assessment.callable') : t('strategy.assessment.notCallable')}
        </Tag>
      </Space>
      {p.notCallable.map((n) => (
        <Alert
          key={n.signal}
          type="warning"
          showIcon
          className="assessment-not-callable"
          title={en ? n.text.en : n.text.zh}
        />
      ))}
      <Typography.Text type="secondary" className="assessment-caption">
        {t('strategy.assessment.breakdown')}
      </Typography.Text>
      <ul className="assessment-lines">
        {p.breakdown.map((line) => (
          <li key={line.factor} data-factor={line.factor}>
            <span className="assessment-line-text">
              <Typography.Text>
                {t(`strategy.assessment.factor.${line.factor}`, { defaultValue: line.factor })}
              </Typography.Text>
              <Typography.Text type="secondary" className="assessment-line-detail">
                {en ? line.detail.en : line.detail.zh}
              </Typography.Text>
            </span>
            <span className={`assessment-points${line.points < 0 ? ' negative' : ''}`}>
              {line.points > 0 ? `+${line.points}` : line.points}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ClassPart({ caseId, data }: { caseId: string; data: CaseAssessmentBody }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const canClassify = usePermission('cases.classify');
  const saved = useSaved(caseId);
  const c = data.classification;
  const [klass, setKlass] = useState<number | undefined>(undefined);
  const [why, setWhy] = useState('');
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);
  const override = useMutation({
    mutationFn: (body: ClassOverrideBody) =>
      api.put<CaseAssessmentBody>(`/cases/${encodeURIComponent(caseId)}/class-override`, body),
    onSuccess: (answer) => {
      saved(answer);
      setWhy('');
      setKlass(undefined);
      setProblem(null);
      message.success(t('strategy.assessment.overrideSaved'));
    },
    onError: (error) => {
      const found = fieldError(error, en);
      if (found) setProblem(found);
      else message.error(errorText(error));
    },
  });
  const clear = useMutation({
    mutationFn: () => api.delete<CaseAssessmentBody>(`/cases/${encodeURIComponent(caseId)}/class-override`),
    onSuccess: (answer) => {
      saved(answer);
      message.success(t('strategy.assessment.overrideCleared'));
    },
    onError: (error) => message.error(errorText(error)),
  });
  const yesNo = (value: boolean | null) =>
    value === null
      ? t('strategy.assessment.unknown')
      : value
        ? t('strategy.assessment.yes')
        : t('strategy.assessment.no');
  const derivedName =
    c.derivedClass !== null ? t(`strategy.class.${c.derivedClass}`) : t('strategy.assessment.notAssessed');
  return (
    <Section title={t('strategy.assessment.classTitle')} className="assessment-class">
      <Space wrap size={[8, 4]}>
        <Tag
          color={
            c.class === null
              ? 'default'
              : c.class === 1
                ? 'green'
                : c.class === 2
                  ? 'blue'
                  : c.class === 3
                    ? 'orange'
                    : 'red'
          }
          className="assessment-class-tag"
        >
          {c.text ? (en ? c.text.name.en : c.text.name.zh) : t('strategy.assessment.notAssessed')}
        </Tag>
        <Tag color={c.source === 'override' ? 'purple' : 'default'} className="assessment-class-source">
          {c.source === 'override'
            ? t('strategy.assessment.sourceOverride')
            : t('strategy.assessment.sourceRules')}
        </Tag>
      </Space>
      {c.text && (
        <Typography.Text type="secondary" className="assessment-treatment">
          {en ? c.text.treatment.en : c.text.treatment.zh}
        </Typography.Text>
      )}
      <Space size={16} className="assessment-axes">
        <span>
          <span className="summary-label">{t('strategy.assessment.willing')}</span>
          <Typography.Text strong className="assessment-willing">
            {yesNo(c.willing)}
          </Typography.Text>
        </span>
        <span>
          <span className="summary-label">{t('strategy.assessment.able')}</span>
          <Typography.Text strong className="assessment-able">
            {yesNo(c.able)}
          </Typography.Text>
        </span>
      </Space>
      {c.source === 'override' && (
        <Typography.Text type="secondary" className="assessment-derived">
          {t('strategy.assessment.derived', { name: derivedName })}
        </Typography.Text>
      )}
      {c.verifyFirst.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="assessment-verify-first"
          title={t('strategy.assessment.verifyFirst')}
          description={
            <ul className="assessment-plain-list">
              {c.verifyFirst.map((r) => (
                <li key={r.code}>{en ? r.text.en : r.text.zh}</li>
              ))}
            </ul>
          }
        />
      )}
      {c.reasons.length > 0 && (
        <>
          <Typography.Text type="secondary" className="assessment-caption">
            {t('strategy.assessment.reasons')}
          </Typography.Text>
          <ul className="assessment-lines assessment-class-reasons">
            {c.reasons.map((r) => (
              <li key={`${r.code}-${r.text.zh}`} data-code={r.code}>
                <span className="assessment-line-text">
                  <Typography.Text type="secondary" className="assessment-dimension">
                    {t(`strategy.assessment.dimension.${r.dimension}`, { defaultValue: r.dimension })}
                  </Typography.Text>
                  <Typography.Text>{en ? r.text.en : r.text.zh}</Typography.Text>
                </span>
                {r.weight !== 0 && (
                  <span className={`assessment-points${r.weight < 0 ? ' negative' : ''}`}>
                    {r.weight > 0 ? `+${r.weight}` : r.weight}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {data.override && (
        <div className="assessment-override-info">
          <Typography.Text>
            {t('strategy.assessment.overrideBy', {
              name: data.override.byName,
              at: formatDateTime(data.override.at),
              why: data.override.why,
            })}
          </Typography.Text>
          {canClassify && (
            <Popconfirm
              title={t('strategy.assessment.overrideClearConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => clear.mutateAsync().catch(() => undefined)}
            >
              <Button
                size="small"
                type="link"
                loading={clear.isPending}
                className="assessment-override-clear"
              >
                {t('strategy.assessment.overrideClear')}
              </Button>
            </Popconfirm>
          )}
        </div>
      )}
      {canClassify && (
        <Form
          layout="vertical"
          className="assessment-override-form"
          requiredMark={false}
          onFinish={() => {
            if (klass === undefined) return;
            if (why.trim().length < 4) {
              setProblem({ field: 'why', text: t('strategy.assessment.overrideWhyRequired') });
              return;
            }
            override.mutate({ delinquencyClass: klass, why: why.trim() });
          }}
        >
          <Typography.Text type="secondary" className="assessment-caption">
            {t('strategy.assessment.override')}
          </Typography.Text>
          <Form.Item
            label={t('strategy.assessment.overrideClass')}
            {...(problem?.field === 'delinquencyClass'
              ? { validateStatus: 'error' as const, help: problem.text }
              : {})}
          >
            <Select
              className="assessment-override-class"
              value={klass}
              placeholder={t('strategy.assessment.overrideClass')}
              options={CLASSES.map((value) => ({ value, label: t(`strategy.class.${value}`) }))}
              onChange={(value: number) => setKlass(value)}
            />
          </Form.Item>
          <Form.Item
            label={t('strategy.assessment.overrideWhy')}
            {...(problem?.field === 'why' ? { validateStatus: 'error' as const, help: problem.text } : {})}
          >
            <Input.TextArea
              className="assessment-override-why"
              value={why}
              maxLength={500}
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('strategy.assessment.overrideWhyPlaceholder')}
              onChange={(event) => {
                setWhy(event.target.value);
                if (problem?.field === 'why') setProblem(null);
              }}
            />
          </Form.Item>
          <Button
            htmlType="submit"
            disabled={klass === undefined}
            loading={override.isPending}
            className="assessment-override-save"
          >
            {t('strategy.assessment.overrideSave')}
          </Button>
        </Form>
      )}
    </Section>
  );
}

function TagsPart({ caseId, data }: { caseId: string; data: CaseAssessmentBody }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const canTag = usePermission('cases.tag');
  const saved = useSaved(caseId);
  const [personality, setPersonality] = useState<string | null>(data.personality);
  const [riskSignals, setRiskSignals] = useState<string[]>(data.riskSignals);
  const [abilityEvidence, setAbilityEvidence] = useState<string[]>(data.abilityEvidence);
  const save = useMutation({
    mutationFn: (body: CaseTagsBody) =>
      api.put<CaseAssessmentBody>(`/cases/${encodeURIComponent(caseId)}/tags`, body),
    onSuccess: (answer) => {
      saved(answer);
      message.success(t('strategy.assessment.tagsSaved'));
    },
    onError: (error) => message.error(errorText(error)),
  });
  const changed =
    personality !== data.personality ||
    riskSignals.join() !== data.riskSignals.join() ||
    abilityEvidence.join() !== data.abilityEvidence.join();

  if (!canTag) {
    return (
      <Section title={t('strategy.assessment.tags')} className="assessment-tags">
        <dl className="assessment-facts">
          <dt>{t('strategy.assessment.personality')}</dt>
          <dd>
            {data.personality
              ? t(`strategy.assessment.personalityType.${data.personality}`, {
                  defaultValue: data.personality,
                })
              : t('strategy.assessment.personalityPlaceholder')}
          </dd>
          <dt>{t('strategy.assessment.riskSignals')}</dt>
          <dd>
            {data.riskSignals.length === 0
              ? t('strategy.assessment.none')
              : data.riskSignals.map((s) => (
                  <Tag key={s} color="volcano">
                    {t(`strategy.assessment.signal.${s}`, { defaultValue: s })}
                  </Tag>
                ))}
          </dd>
        </dl>
      </Section>
    );
  }
  return (
    <Section title={t('strategy.assessment.tags')} className="assessment-tags">
      <Form
        layout="vertical"
        className="assessment-tags-form"
        onFinish={() => save.mutate({ personality, riskSignals, abilityEvidence })}
      >
        <Form.Item label={t('strategy.assessment.personality')}>
          <Select
            allowClear
            className="assessment-personality"
            value={personality ?? undefined}
            placeholder={t('strategy.assessment.personalityPlaceholder')}
            options={PERSONALITIES.map((value) => ({
              value,
              label: t(`strategy.assessment.personalityType.${value}`),
            }))}
            onChange={(value: string | undefined) => setPersonality(value ?? null)}
          />
        </Form.Item>
        <Form.Item label={t('strategy.assessment.riskSignals')}>
          <Select
            mode="multiple"
            allowClear
            className="assessment-risk-signals"
            value={riskSignals}
            placeholder={t('strategy.assessment.none')}
            options={RISK_SIGNALS.map((value) => ({
              value,
              label: t(`strategy.assessment.signal.${value}`),
            }))}
            onChange={(value: string[]) => setRiskSignals(value)}
          />
        </Form.Item>
        <Form.Item label={t('strategy.assessment.abilityEvidence')}>
          <Select
            mode="multiple"
            allowClear
            className="assessment-ability"
            value={abilityEvidence}
            placeholder={t('strategy.assessment.none')}
            options={ABILITY_EVIDENCE.map((value) => ({
              value,
              label: t(`strategy.assessment.evidence.${value}`),
            }))}
            onChange={(value: string[]) => setAbilityEvidence(value)}
          />
        </Form.Item>
        <Button
          htmlType="submit"
          type="primary"
          ghost
          disabled={!changed}
          loading={save.isPending}
          className="assessment-tags-save"
        >
          {t('strategy.assessment.tagsSave')}
        </Button>
      </Form>
    </Section>
  );
}

function SegmentPart({ data }: { data: CaseAssessmentBody }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const s = data.segment;
  if (!s) {
    return (
      <Section title={t('strategy.assessment.segmentTitle')} className="assessment-segment">
        <Typography.Text type="secondary" className="assessment-no-strategy">
          {t('strategy.assessment.noStrategy')}
        </Typography.Text>
      </Section>
    );
  }
  const due = new Set(s.dueEscalations.map((e) => e.id));
  const plan = s.plan;
  return (
    <Section title={t('strategy.assessment.segmentTitle')} className="assessment-segment">
      <Space wrap size={[8, 4]}>
        <Typography.Text strong className="assessment-segment-name" data-key={s.key}>
          {en ? s.name.en : s.name.zh}
        </Typography.Text>
        <Tag>{t('strategy.assessment.strategyVersion', { version: s.strategyVersion })}</Tag>
        {data.stored.segmentSince && data.stored.segmentKey === s.key && (
          <Typography.Text type="secondary">
            {t('strategy.assessment.since', { date: formatDate(data.stored.segmentSince) })}
          </Typography.Text>
        )}
      </Space>
      <Typography.Text type="secondary" className="assessment-caption">
        {t('strategy.assessment.why')}
      </Typography.Text>
      <ul className="assessment-plain-list assessment-segment-reasons">
        {s.reasons.map((r) => (
          <li key={r.zh}>{en ? r.en : r.zh}</li>
        ))}
      </ul>
      <Typography.Text type="secondary" className="assessment-caption">
        {t('strategy.assessment.plan')}
      </Typography.Text>
      <Space wrap size={[4, 4]} className="assessment-plan">
        {plan.channels.map((channel) => (
          <Tag key={channel} color={CHANNEL_COLORS[channel]}>
            {t(`strategy.channel.${channel}`, { defaultValue: channel })}
          </Tag>
        ))}
        {plan.callEveryDays !== null && (
          <Typography.Text type="secondary">
            {t('strategy.plan.callEvery', { n: plan.callEveryDays })}
          </Typography.Text>
        )}
        {plan.sms && (
          <Typography.Text type="secondary">
            {t('strategy.plan.smsEvery', { n: plan.sms.everyDays })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {t('strategy.plan.script', { stage: plan.scriptStage ?? t('strategy.plan.scriptBucket') })}
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary" className="assessment-caption">
        {t('strategy.assessment.escalations')}
      </Typography.Text>
      {plan.escalations.length === 0 ? (
        <Typography.Text type="secondary">{t('strategy.assessment.none')}</Typography.Text>
      ) : (
        <ul className="strategy-escalations assessment-escalations">
          {plan.escalations.map((e) => {
            const text = escalationText(t, e);
            return (
              <li key={e.id} data-escalation={e.id} data-due={due.has(e.id)}>
                <Tag color={ACTION_COLORS[e.action]}>{text.action}</Tag>
                <span className="strategy-trigger">{text.trigger}</span>
                {due.has(e.id) && <Tag color="red">{t('strategy.assessment.due')}</Tag>}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

export function AssessmentCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const assessment = useQuery({
    queryKey: assessmentKey(caseId),
    queryFn: () => api.get<CaseAssessmentBody>(`/cases/${encodeURIComponent(caseId)}/assessment`),
  });
  let body: ReactNode;
  if (assessment.isPending) body = <Skeleton active />;
  else if (assessment.isError)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.loadFailed')} />;
  else {
    const data = assessment.data;
    body = (
      <Row gutter={[24, 16]}>
        <Col xs={24} md={12} xl={6}>
          <PriorityPart data={data} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ClassPart caseId={caseId} data={data} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <TagsPart
            key={`${data.personality}-${data.riskSignals.join()}-${data.abilityEvidence.join()}`}
            caseId={caseId}
            data={data}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <SegmentPart data={data} />
        </Col>
      </Row>
    );
  }
  return (
    <Card
      className="assessment-card"
      title={t('strategy.assessment.title')}
      extra={
        <Button
          size="small"
          type="text"
          icon={<ReloadOutlined />}
          aria-label={t('strategy.assessment.refresh')}
          onClick={() => assessment.refetch()}
          loading={assessment.isFetching && !assessment.isPending}
        />
      }
    >
      {body}
    </Card>
  );
}
