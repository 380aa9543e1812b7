import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type KeyboardEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api/client';
import { usePortfolios } from '../api/hooks';
import type {
  HouseRules,
  HouseRulesBody,
  PortfolioCompliance,
  RuleOrigin,
  SpeechRule,
  SpeechRuleCatalogue,
} from '../api/types';
import { LoadError } from '../components/Results';
import { codeLabel } from '../lib/labels';
import { useErrorText } from '../session';

type Tab = 'contact' | 'speech';
type Rules = PortfolioCompliance['effective'];
type ProfileRules = PortfolioCompliance['values'];

const complianceKey = (code: string) => ['portfolios', code, 'compliance'] as const;

/** Where an effective value comes from: the compliance profile (blue) or the house rule (orange). */
function OriginTag({ origin }: { origin: RuleOrigin }) {
  const { t } = useTranslation();
  return (
    <Tag color={origin === 'house' ? 'orange' : 'blue'} className="rule-origin" data-origin={origin}>
      {origin === 'house' ? t('compliance.originHouse') : t('compliance.originProfile')}
    </Tag>
  );
}

/** A citation, shown small. */
function Source({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="rule-source">
      <span className="rule-source-label">{label ?? t('compliance.source')}</span>
      <span className="rule-source-text">{text}</span>
    </div>
  );
}

interface RuleCardSpec {
  key: string;
  title: string;
  /** The effective rule; null when neither the profile nor a house rule sets one. */
  rule: { source: string; origin: RuleOrigin } | null;
  value: string;
  detail?: string;
  /** The profile's own value and source, shown when a house rule replaced it. */
  profile: { value: string; source: string | null };
}

function RuleCard({ spec }: { spec: RuleCardSpec }) {
  const { t } = useTranslation();
  const { rule } = spec;
  return (
    <Card
      size="small"
      className={`rule-card${rule ? '' : ' rule-card-none'}`}
      data-rule={spec.key}
      title={spec.title}
      extra={<OriginTag origin={rule?.origin ?? 'profile'} />}
    >
      <div className="rule-value">{spec.value}</div>
      {spec.detail && <div className="rule-detail">{spec.detail}</div>}
      {rule ? (
        <Source text={rule.source} />
      ) : (
        <div className="rule-source rule-source-text">{t('compliance.noRuleSource')}</div>
      )}
      {rule?.origin === 'house' && (
        <div className="rule-profile">
          <div className="rule-profile-value">
            {t('compliance.profileValue', { value: spec.profile.value })}
          </div>
          {spec.profile.source && <Source text={spec.profile.source} />}
        </div>
      )}
    </Card>
  );
}

/** The rule cards of a portfolio: the effective value of each rule group, its origin and its citation. */
function useRuleCards(effective: Rules, profile: ProfileRules): RuleCardSpec[] {
  const { t, i18n } = useTranslation();
  const separator = i18n.language === 'en' ? ', ' : '、';
  const noRule = t('compliance.noRule');
  const hours = (v: Rules['hours']['value']) => t('compliance.hoursValue', { start: v.start, end: v.end });
  const count = (key: string, rule: { value: number } | null) => (rule ? t(key, { n: rule.value }) : noRule);
  const cite = (rule: { source: string } | null) => rule?.source ?? null;
  const e = effective;
  const p = profile;
  return [
    {
      key: 'hours',
      title: t('compliance.hours'),
      rule: e.hours,
      value: hours(e.hours.value),
      detail: t('compliance.hoursDetail', {
        start: e.hours.value.start,
        end: e.hours.value.end,
        channels: e.hours.value.channels.map((c) => codeLabel(t, 'contactChannel', c)).join(separator),
      }),
      profile: { value: hours(p.hours.value), source: p.hours.source },
    },
    {
      key: 'holidays',
      title: t('compliance.holidays'),
      rule: e.noContactOnStatutoryHolidays,
      value: e.noContactOnStatutoryHolidays?.value ? t('compliance.holidaysClosed') : noRule,
      detail: e.noContactOnStatutoryHolidays?.value ? t('compliance.holidaysSwitchHint') : undefined,
      profile: {
        value: p.noContactOnStatutoryHolidays?.value ? t('compliance.holidaysClosed') : noRule,
        source: cite(p.noContactOnStatutoryHolidays),
      },
    },
    {
      key: 'unanswered',
      title: t('compliance.unanswered'),
      rule: e.dailyUnansweredCallsPerNumber,
      value: count('compliance.unansweredValue', e.dailyUnansweredCallsPerNumber),
      detail: e.dailyUnansweredCallsPerNumber ? t('compliance.unansweredDetail') : undefined,
      profile: {
        value: count('compliance.unansweredValue', p.dailyUnansweredCallsPerNumber),
        source: cite(p.dailyUnansweredCallsPerNumber),
      },
    },
    {
      key: 'connected',
      title: t('compliance.connected'),
      rule: e.dailyConnectedCallsPerPerson,
      value: count('compliance.connectedValue', e.dailyConnectedCallsPerPerson),
      detail: e.dailyConnectedCallsPerPerson ? t('compliance.connectedDetail') : undefined,
      profile: {
        value: count('compliance.connectedValue', p.dailyConnectedCallsPerPerson),
        source: cite(p.dailyConnectedCallsPerPerson),
      },
    },
    {
      key: 'rolling',
      title: t('compliance.rolling'),
      rule: e.rollingCallCap,
      value: e.rollingCallCap ? t('compliance.rollingValue', e.rollingCallCap.value) : noRule,
      profile: { value: noRule, source: cite(p.rollingCallCap) },
    },
    {
      key: 'wait',
      title: t('compliance.wait'),
      rule: e.postConversationWait,
      value: e.postConversationWait ? t('compliance.waitValue', e.postConversationWait.value) : noRule,
      profile: { value: noRule, source: cite(p.postConversationWait) },
    },
    {
      key: 'thirdParty',
      title: t('compliance.thirdParty'),
      rule: e.thirdParty,
      value:
        e.thirdParty.value.kind === 'debtor_unreachable'
          ? t('compliance.thirdPartyUnreachable')
          : t('compliance.thirdPartyLocation'),
      detail:
        e.thirdParty.value.kind === 'debtor_unreachable'
          ? t('compliance.thirdPartyUnreachableDetail', { n: e.thirdParty.value.consecutiveFailedAttempts })
          : t('compliance.thirdPartyLocationDetail'),
      profile: { value: '', source: p.thirdParty.source },
    },
    {
      key: 'refusal',
      title: t('compliance.refusal'),
      rule: e.thirdPartyRefusalIsFinal,
      value: e.thirdPartyRefusalIsFinal.value ? t('compliance.refusalFinal') : t('compliance.refusalOpen'),
      profile: { value: '', source: p.thirdPartyRefusalIsFinal.source },
    },
  ];
}

const holdKeys = ['cease', 'attorney', 'complaintFreeze', 'legalHold'] as const;

function HoldsCard({ holds }: { holds: Rules['holds'] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      className="rule-card"
      data-rule="holds"
      title={t('compliance.holds')}
      extra={<OriginTag origin="profile" />}
    >
      <div className="rule-value">{t('compliance.holdsValue')}</div>
      <ul className="rule-holds">
        {holdKeys.map((key) => (
          <li key={key} data-hold={key}>
            <Typography.Text strong>{t(`compliance.hold.${key}`)}</Typography.Text>
            <Source text={holds[key].source} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

// ---- house rules ----

interface HouseForm {
  source: string;
  dayStart: Dayjs | null;
  dayEnd: Dayjs | null;
  noContactOnStatutoryHolidays: boolean;
  dailyUnansweredCallsPerNumber: number | null;
  dailyConnectedCallsPerPerson: number | null;
}
type HouseField = keyof HouseForm;
const houseFields: readonly HouseField[] = [
  'source',
  'dayStart',
  'dayEnd',
  'noContactOnStatutoryHolidays',
  'dailyUnansweredCallsPerNumber',
  'dailyConnectedCallsPerPerson',
];
interface FieldProblem {
  reason: string;
  reasonEn: string;
}

function timeOf(text: string | undefined): Dayjs | null {
  const match = text ? /^(\d{2}):(\d{2})$/.exec(text) : null;
  return match ? dayjs().hour(Number(match[1])).minute(Number(match[2])).second(0).millisecond(0) : null;
}

/** Enter in a time field confirms the time; it does not also submit the form. */
function keepEnterInPicker(event: KeyboardEvent<HTMLElement>) {
  if (event.key === 'Enter') event.preventDefault();
}

function formValues(stored: HouseRules | null): HouseForm {
  return {
    source: stored?.source ?? '',
    dayStart: timeOf(stored?.dayStart),
    dayEnd: timeOf(stored?.dayEnd),
    noContactOnStatutoryHolidays: stored?.noContactOnStatutoryHolidays === true,
    dailyUnansweredCallsPerNumber: stored?.dailyUnansweredCallsPerNumber ?? null,
    dailyConnectedCallsPerPerson: stored?.dailyConnectedCallsPerPerson ?? null,
  };
}

function bodyOf(values: HouseForm): HouseRulesBody {
  const body: HouseRulesBody = { source: values.source.trim() };
  if (values.dayStart) body.dayStart = values.dayStart.format('HH:mm');
  if (values.dayEnd) body.dayEnd = values.dayEnd.format('HH:mm');
  if (values.noContactOnStatutoryHolidays) body.noContactOnStatutoryHolidays = true;
  if (typeof values.dailyUnansweredCallsPerNumber === 'number')
    body.dailyUnansweredCallsPerNumber = values.dailyUnansweredCallsPerNumber;
  if (typeof values.dailyConnectedCallsPerPerson === 'number')
    body.dailyConnectedCallsPerPerson = values.dailyConnectedCallsPerPerson;
  return body;
}

/** The fields a refused save names, with the server's reason in both languages. */
function problemsOf(error: unknown): Partial<Record<HouseField, FieldProblem>> | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  const details = error.details as
    | { field?: string; problems?: { field: string; reason: string; reasonEn: string }[] }
    | undefined;
  const found: Partial<Record<HouseField, FieldProblem>> = {};
  const isField = (name: string): name is HouseField => (houseFields as readonly string[]).includes(name);
  for (const problem of details?.problems ?? []) {
    if (isField(problem.field) && !found[problem.field]) {
      found[problem.field] = { reason: problem.reason, reasonEn: problem.reasonEn };
    }
  }
  // A malformed request (checked before the service): the field as 'body.<name>', the whole message.
  const field = details?.field?.replace(/^body\./, '');
  if (Object.keys(found).length === 0 && field && isField(field)) {
    found[field] = { reason: error.messageZh, reasonEn: error.messageEn };
  }
  return Object.keys(found).length > 0 ? found : null;
}

function HouseRulesCard({ data }: { data: PortfolioCompliance }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<HouseForm>();
  const [problems, setProblems] = useState<Partial<Record<HouseField, FieldProblem>>>({});
  const code = data.portfolio.code;
  const stored = data.houseOverrides;
  const profile = data.values;

  const onSaved = (saved: PortfolioCompliance) => {
    client.setQueryData(complianceKey(code), saved);
    form.setFieldsValue(formValues(saved.houseOverrides));
    setProblems({});
  };
  const save = useMutation({
    mutationFn: (body: HouseRulesBody) =>
      api.put<PortfolioCompliance>(`/portfolios/${encodeURIComponent(code)}/house-rules`, body),
    onSuccess: (saved) => {
      onSaved(saved);
      message.success(t('compliance.saved'));
    },
    onError: (error) => {
      const found = problemsOf(error);
      if (found) {
        setProblems(found);
        message.error(t('compliance.refused'));
      } else {
        message.error(errorText(error));
      }
    },
  });
  const clear = useMutation({
    mutationFn: () => api.delete<PortfolioCompliance>(`/portfolios/${encodeURIComponent(code)}/house-rules`),
    onSuccess: (saved) => {
      onSaved(saved);
      message.success(t('compliance.cleared'));
    },
    onError: (error) => message.error(errorText(error)),
  });

  /** The server's reason for a field (in the UI language), shown under it until the field changes. */
  const serverError = (field: HouseField) => {
    const problem = problems[field];
    if (!problem) return {};
    return {
      validateStatus: 'error' as const,
      help: i18n.language === 'en' ? problem.reasonEn : problem.reason,
    };
  };
  const profileCap = (rule: { value: number } | null) =>
    rule ? t('compliance.capHint', { n: rule.value }) : t('compliance.capHintNone');
  const holidaysFixed = profile.noContactOnStatutoryHolidays?.value === true;

  return (
    <Card
      title={t('compliance.houseTitle')}
      className="house-rules-card"
      extra={
        <Tag color={stored ? 'orange' : 'default'} className="house-status">
          {stored ? t('compliance.houseStatusSet') : t('compliance.houseStatusNone')}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary" className="panel-hint">
        {t('compliance.houseIntro')}
      </Typography.Paragraph>
      <Form<HouseForm>
        form={form}
        layout="vertical"
        className="house-rules-form"
        initialValues={formValues(stored)}
        requiredMark={false}
        onValuesChange={(changed) => {
          const keys = Object.keys(changed) as HouseField[];
          if (keys.some((key) => problems[key])) {
            setProblems((current) => {
              const next = { ...current };
              for (const key of keys) delete next[key];
              return next;
            });
          }
        }}
        onFinish={(values) => save.mutate(bodyOf(values))}
      >
        <Form.Item
          name="source"
          label={t('compliance.houseSource')}
          extra={t('compliance.houseSourceHint')}
          rules={[{ required: true, whitespace: true, message: t('compliance.houseSourceRequired') }]}
          className="house-source"
          {...serverError('source')}
        >
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            placeholder={t('compliance.houseSourcePlaceholder')}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="dayStart"
              label={t('compliance.dayStart')}
              extra={t('compliance.dayStartHint', { time: profile.hours.value.start })}
              className="house-day-start"
              {...serverError('dayStart')}
            >
              <TimePicker
                format="HH:mm"
                showNow={false}
                onKeyDown={keepEnterInPicker}
                className="full-width"
                placeholder={t('compliance.timePlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="dayEnd"
              label={t('compliance.dayEnd')}
              extra={t('compliance.dayEndHint', { time: profile.hours.value.end })}
              className="house-day-end"
              {...serverError('dayEnd')}
            >
              <TimePicker
                format="HH:mm"
                showNow={false}
                onKeyDown={keepEnterInPicker}
                className="full-width"
                placeholder={t('compliance.timePlaceholder')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="noContactOnStatutoryHolidays"
          label={t('compliance.holidaysSwitch')}
          extra={holidaysFixed ? t('compliance.holidaysAlready') : t('compliance.holidaysSwitchHint')}
          valuePropName="checked"
          className="house-holidays"
          {...serverError('noContactOnStatutoryHolidays')}
        >
          <Switch disabled={holidaysFixed} />
        </Form.Item>
        <Form.Item
          name="dailyUnansweredCallsPerNumber"
          label={t('compliance.maxUnanswered')}
          extra={profileCap(profile.dailyUnansweredCallsPerNumber)}
          className="house-max-unanswered"
          {...serverError('dailyUnansweredCallsPerNumber')}
        >
          <InputNumber
            min={1}
            precision={0}
            className="house-cap"
            suffix={t('compliance.times')}
            placeholder={t('compliance.capPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="dailyConnectedCallsPerPerson"
          label={t('compliance.maxConnected')}
          extra={profileCap(profile.dailyConnectedCallsPerPerson)}
          className="house-max-connected"
          {...serverError('dailyConnectedCallsPerPerson')}
        >
          <InputNumber
            min={1}
            precision={0}
            className="house-cap"
            suffix={t('compliance.times')}
            placeholder={t('compliance.capPlaceholder')}
          />
        </Form.Item>
        <Space wrap className="house-actions">
          <Button type="primary" htmlType="submit" loading={save.isPending} className="house-save">
            {t('compliance.save')}
          </Button>
          <Popconfirm
            title={t('compliance.clearConfirm')}
            okText={t('compliance.clearOk')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, className: 'house-clear-ok' }}
            onConfirm={() => clear.mutateAsync().catch(() => undefined)}
            disabled={!stored}
          >
            <Button danger disabled={!stored} loading={clear.isPending} className="house-clear">
              {t('compliance.clear')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}

/** The house rules for a reader: the stored values, or none. */
function HouseRulesSummary({ stored }: { stored: HouseRules | null }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [];
  if (stored?.dayStart) rows.push([t('compliance.dayStart'), stored.dayStart]);
  if (stored?.dayEnd) rows.push([t('compliance.dayEnd'), stored.dayEnd]);
  if (stored?.noContactOnStatutoryHolidays) rows.push([t('compliance.holidaysSwitch'), t('common.yes')]);
  if (stored?.dailyUnansweredCallsPerNumber !== undefined)
    rows.push([t('compliance.maxUnanswered'), String(stored.dailyUnansweredCallsPerNumber)]);
  if (stored?.dailyConnectedCallsPerPerson !== undefined)
    rows.push([t('compliance.maxConnected'), String(stored.dailyConnectedCallsPerPerson)]);
  return (
    <Card
      title={t('compliance.houseTitle')}
      className="house-rules-card"
      extra={
        <Tag color={stored ? 'orange' : 'default'} className="house-status">
          {stored ? t('compliance.houseStatusSet') : t('compliance.houseStatusNone')}
        </Tag>
      }
    >
      {stored ? (
        <>
          <dl className="house-summary">
            {rows.map(([label, value]) => (
              <div key={label} className="house-summary-row">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <Source text={stored.source} label={t('compliance.houseSource')} />
        </>
      ) : (
        <Typography.Paragraph className="house-none">{t('compliance.houseNone')}</Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary" className="panel-hint house-readonly">
        {t('compliance.houseReadOnly')}
      </Typography.Paragraph>
    </Card>
  );
}

function ContactRules({ code }: { code: string }) {
  const rules = useQuery({
    queryKey: complianceKey(code),
    queryFn: () => api.get<PortfolioCompliance>(`/portfolios/${encodeURIComponent(code)}/compliance`),
  });
  if (rules.isPending) return <Skeleton active />;
  if (rules.isError) return <LoadError error={rules.error} onRetry={() => rules.refetch()} />;
  return <ContactRulesView key={code} data={rules.data} />;
}

function ContactRulesView({ data }: { data: PortfolioCompliance }) {
  const { t } = useTranslation();
  const cards = useRuleCards(data.effective, data.values);
  return (
    <Row gutter={[16, 16]} align="top" className="compliance-rules">
      <Col xs={24} xl={16}>
        <Alert type="info" showIcon title={t('compliance.intro')} className="compliance-intro" />
        <Row gutter={[16, 16]} className="rule-grid">
          {cards.map((spec) => (
            <Col key={spec.key} xs={24} md={12}>
              <RuleCard spec={spec} />
            </Col>
          ))}
          <Col span={24}>
            <HoldsCard holds={data.effective.holds} />
          </Col>
        </Row>
      </Col>
      <Col xs={24} xl={8} className="house-rules-col">
        {data.canManage ? <HouseRulesCard data={data} /> : <HouseRulesSummary stored={data.houseOverrides} />}
      </Col>
    </Row>
  );
}

function SpeechRules() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const catalogue = useQuery({
    queryKey: ['qa', 'rules'],
    queryFn: () => api.get<SpeechRuleCatalogue>('/qa/rules'),
    staleTime: 10 * 60_000,
  });
  if (catalogue.isError) return <LoadError error={catalogue.error} onRetry={() => catalogue.refetch()} />;
  const rules = catalogue.data?.rules ?? [];
  const categories = [...new Set(rules.map((rule) => rule.category))];
  const columns: TableColumnsType<SpeechRule> = [
    {
      title: t('compliance.category'),
      dataIndex: 'category',
      width: 190,
      filters: categories.map((value) => ({ value, text: codeLabel(t, 'qaCategory', value) })),
      onFilter: (value, rule) => rule.category === value,
      render: (category: string) => (
        <Typography.Text strong className="speech-category">
          {codeLabel(t, 'qaCategory', category)}
        </Typography.Text>
      ),
    },
    {
      title: t('compliance.severity'),
      dataIndex: 'severity',
      width: 90,
      filters: (['error', 'warning'] as const).map((value) => ({
        value,
        text: codeLabel(t, 'severity', value),
      })),
      onFilter: (value, rule) => rule.severity === value,
      render: (severity: SpeechRule['severity']) => (
        <Tag color={severity === 'error' ? 'red' : 'gold'} className="qa-severity">
          {codeLabel(t, 'severity', severity)}
        </Tag>
      ),
    },
    {
      title: t('compliance.explanation'),
      key: 'explanation',
      render: (_: unknown, rule) => (
        <div className="speech-explanation">{en ? rule.explanation.en : rule.explanation.zh}</div>
      ),
    },
    {
      title: t('compliance.alternative'),
      dataIndex: 'alternative',
      render: (alternative: string) => <div className="speech-alternative">{alternative}</div>,
    },
    {
      title: t('compliance.ruleId'),
      dataIndex: 'id',
      width: 230,
      render: (id: string) => (
        <Typography.Text type="secondary" className="qa-rule-id">
          {id}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Card
      className="speech-rules-card"
      title={t('compliance.tabSpeech')}
      extra={
        catalogue.data && (
          <Typography.Text type="secondary" className="speech-version">
            {t('compliance.ruleCount', { n: rules.length })} ·{' '}
            {t('compliance.rulesVersion', { version: catalogue.data.version })}
          </Typography.Text>
        )
      }
    >
      <Table<SpeechRule>
        size="middle"
        rowKey="id"
        className="speech-rule-table"
        columns={columns}
        dataSource={rules}
        loading={catalogue.isPending}
        pagination={false}
        scroll={{ x: 960 }}
      />
    </Card>
  );
}

/** 合规规则: a portfolio's contact rules (and, for portfolios.manage, its house rules) and the speech rules. */
export function ComplianceRulesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const portfolios = usePortfolios();
  const tab: Tab = params.get('tab') === 'speech' ? 'speech' : 'contact';
  const list = portfolios.data ?? [];
  const wanted = params.get('portfolio');
  const code = list.some((p) => p.code === wanted) ? wanted : (list[0]?.code ?? null);
  const current = list.find((p) => p.code === code);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const picker = (
    <Select
      aria-label={t('compliance.portfolio')}
      className="compliance-portfolio"
      placeholder={t('compliance.portfolioPlaceholder')}
      value={code ?? undefined}
      loading={portfolios.isPending}
      options={list.map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
      onChange={(value: string) => update({ portfolio: value })}
      popupMatchSelectWidth={false}
    />
  );

  let body: ReactNode;
  if (tab === 'speech') body = <SpeechRules />;
  else if (portfolios.isError)
    body = <LoadError error={portfolios.error} onRetry={() => portfolios.refetch()} />;
  else if (portfolios.isPending) body = <Skeleton active />;
  else if (!code)
    body = (
      <Card>
        <Empty description={t('compliance.noPortfolios')} />
      </Card>
    );
  else body = <ContactRules code={code} />;

  return (
    <div className="page compliance-page">
      <Card
        className="compliance-head"
        title={t('compliance.title')}
        extra={tab === 'contact' ? picker : null}
        tabList={[
          { key: 'contact', label: t('compliance.tabContact') },
          { key: 'speech', label: t('compliance.tabSpeech') },
        ]}
        activeTabKey={tab}
        onTabChange={(key) => update({ tab: key === 'speech' ? 'speech' : undefined })}
      >
        {tab === 'contact' && current ? (
          <Space size={[24, 8]} wrap className="compliance-summary">
            <span>
              <span className="summary-label">{t('compliance.profile')}</span>
              <Typography.Text strong className="compliance-profile">
                {codeLabel(t, 'complianceProfile', current.complianceProfile)}
              </Typography.Text>
            </span>
            <span>
              <span className="summary-label">{t('compliance.timeZone')}</span>
              <Typography.Text>{current.timeZone}</Typography.Text>
              <Typography.Text type="secondary" className="summary-hint">
                {t('compliance.timeZoneHint')}
              </Typography.Text>
            </span>
          </Space>
        ) : tab === 'speech' ? (
          <Typography.Text type="secondary" className="compliance-speech-intro">
            {t('compliance.speechIntro')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('compliance.portfolioPlaceholder')}</Typography.Text>
        )}
      </Card>
      {body}
    </div>
  );
}
