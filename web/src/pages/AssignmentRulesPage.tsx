import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  List,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  type AssignmentRules,
  type AssignmentRulesView,
  type AssignResult,
  assignmentKeys,
  problemsOf,
  useAssignmentRules,
} from '../api/assignment';
import { ApiError, api } from '../api/client';
import { usePortfolios } from '../api/hooks';
import { hasPermission, useErrorText, useMe } from '../session';

interface RulesForm {
  sameDebtor: boolean;
  skipCollectorsOverCapacity: boolean;
  teamsByBucket: Record<string, string[] | undefined>;
}

/** A problem's field ('teamsByBucket.M1[0]') as the form's name path (['teamsByBucket', 'M1']). */
function namePath(field: string): (string | number)[] {
  const match = /^teamsByBucket\.([^[]+)/.exec(field);
  if (match) return ['teamsByBucket', match[1] as string];
  return [field];
}

function toForm(rules: AssignmentRules, buckets: string[]): RulesForm {
  const map: Record<string, string[] | undefined> = {};
  for (const b of buckets) map[b] = rules.teamsByBucket?.[b] ?? [];
  return {
    sameDebtor: rules.sameDebtor,
    skipCollectorsOverCapacity: rules.skipCollectorsOverCapacity,
    teamsByBucket: map,
  };
}

function fromForm(values: RulesForm): AssignmentRules {
  const entries = Object.entries(values.teamsByBucket ?? {}).filter(
    (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].length > 0,
  );
  return {
    sameDebtor: values.sameDebtor,
    skipCollectorsOverCapacity: values.skipCollectorsOverCapacity,
    teamsByBucket: entries.length > 0 ? Object.fromEntries(entries) : null,
  };
}

/**
 * Whether the portfolio requires the training certification: uncertified collectors then get none of its
 * cases and the contact gate refuses their contacts. Managers change it; others see it.
 */
function CertificationSwitch({ view }: { view: AssignmentRulesView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const { data: me } = useMe();
  const change = useMutation({
    mutationFn: (required: boolean) =>
      api.put<{ requireCertification: boolean }>(
        `/portfolios/${encodeURIComponent(view.portfolioCode)}/certification`,
        { required },
      ),
    onSuccess: (saved) => {
      client.setQueryData(assignmentKeys.rules(view.portfolioCode), {
        ...view,
        requireCertification: saved.requireCertification,
      });
      message.success(
        saved.requireCertification
          ? t('assignment.rules.certificationOn')
          : t('assignment.rules.certificationOff'),
      );
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <Alert
      type={view.requireCertification ? 'info' : 'warning'}
      showIcon
      className="rules-certification"
      style={{ marginBottom: 12 }}
      message={
        <Space wrap>
          <Switch
            className="rule-require-certification"
            checked={view.requireCertification}
            loading={change.isPending}
            disabled={!hasPermission(me, 'portfolios.manage')}
            onChange={(checked) => change.mutate(checked)}
          />
          <span>{t('assignment.rules.certification')}</span>
        </Space>
      }
      description={t('assignment.rules.certificationHint')}
    />
  );
}

function RulesCard({ view }: { view: AssignmentRulesView }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<RulesForm>();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(view.rules, view.buckets));
  }, [form, view]);

  const save = useMutation({
    mutationFn: (rules: AssignmentRules | null) =>
      api.put<AssignmentRulesView>(`/portfolios/${encodeURIComponent(view.portfolioCode)}/assignment-rules`, {
        rules,
      }),
    onSuccess: (saved, rules) => {
      setProblem(null);
      message.success(rules === null ? t('assignment.rules.resetDone') : t('assignment.rules.saved'));
      client.setQueryData(assignmentKeys.rules(view.portfolioCode), saved);
    },
    onError: (error) => {
      const problems = error instanceof ApiError ? problemsOf(error.details) : [];
      if (problems.length === 0) {
        setProblem(errorText(error));
        return;
      }
      const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
      for (const p of problems) {
        const name = namePath(p.field ?? 'rules');
        const key = name.join('.');
        const entry = byPath.get(key) ?? { name, errors: [] };
        entry.errors.push(i18n.language === 'en' ? p.en : p.zh);
        byPath.set(key, entry);
      }
      form.setFields([...byPath.values()] as Parameters<typeof form.setFields>[0]);
      setProblem(errorText(error));
    },
  });

  const teamOptions = view.teams.map((team) => ({ value: team.code, label: `${team.name} · ${team.code}` }));
  return (
    <Card
      title={t('assignment.rules.title')}
      className="rules-card"
      extra={
        <Tag color={view.isDefault ? 'default' : 'blue'} className="rules-origin">
          {view.isDefault ? t('assignment.rules.defaults') : t('assignment.rules.custom')}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary">{t('assignment.rules.intro')}</Typography.Paragraph>
      <CertificationSwitch view={view} />
      {problem && (
        <Alert type="error" showIcon message={problem} className="rules-error" style={{ marginBottom: 12 }} />
      )}
      <Form<RulesForm> form={form} layout="vertical" onFinish={(values) => save.mutate(fromForm(values))}>
        <Form.Item
          name="sameDebtor"
          valuePropName="checked"
          label={t('assignment.rules.sameDebtor')}
          extra={t('assignment.rules.sameDebtorHint')}
        >
          <Switch className="rule-same-debtor" />
        </Form.Item>
        <Form.Item
          name="skipCollectorsOverCapacity"
          valuePropName="checked"
          label={t('assignment.rules.skipFull')}
          extra={t('assignment.rules.skipFullHint')}
        >
          <Switch className="rule-skip-full" />
        </Form.Item>
        <Typography.Title level={5}>{t('assignment.rules.teamsByBucket')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('assignment.rules.teamsByBucketHint')}
        </Typography.Paragraph>
        {view.buckets.map((bucket) => (
          <Form.Item
            key={bucket}
            name={['teamsByBucket', bucket]}
            label={<Tag>{bucket}</Tag>}
            className="rule-bucket"
            data-bucket={bucket}
          >
            <Select
              mode="multiple"
              allowClear
              placeholder={t('assignment.rules.anyTeam')}
              options={teamOptions}
              className={`rule-bucket-${bucket}`}
            />
          </Form.Item>
        ))}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} className="rules-save">
            {t('assignment.rules.save')}
          </Button>
          <Button onClick={() => save.mutate(null)} disabled={view.isDefault} className="rules-reset">
            {t('assignment.rules.reset')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function RunCard({ view }: { view: AssignmentRulesView }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [result, setResult] = useState<AssignResult | null>(null);
  const run = useMutation({
    mutationFn: () => api.post<AssignResult>(`/portfolios/${encodeURIComponent(view.portfolioCode)}/assign`),
    onSuccess: (answer) => {
      setResult(answer);
      void client.invalidateQueries({ queryKey: ['assignment'] });
      void client.invalidateQueries({ queryKey: ['portfolios'] });
    },
    onError: (error) => message.error(errorText(error)),
  });
  const en = i18n.language === 'en';
  const perCollectorColumns: TableColumnsType<AssignResult['perCollector'][number]> = [
    { title: t('assignment.common.collector'), dataIndex: 'name' },
    { title: t('assignment.rules.result.assignedCol'), dataIndex: 'assigned', align: 'right' },
    {
      title: t('assignment.rules.result.loadCol'),
      key: 'load',
      align: 'right',
      render: (_, row) => `${row.load}/${row.capacity}`,
    },
  ];
  return (
    <Card title={t('assignment.rules.runTitle')} className="run-card">
      <Typography.Paragraph type="secondary">{t('assignment.rules.runHint')}</Typography.Paragraph>
      <Popconfirm
        title={t('assignment.rules.runConfirm', { portfolio: view.portfolioCode })}
        okText={t('assignment.rules.run')}
        cancelText={t('common.cancel')}
        onConfirm={() => run.mutate()}
      >
        <Button type="primary" icon={<PlayCircleOutlined />} loading={run.isPending} className="assign-run">
          {t('assignment.rules.run')}
        </Button>
      </Popconfirm>
      {result && (
        <div className="assign-result" style={{ marginTop: 16 }}>
          {result.considered === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assignment.rules.result.none')} />
          ) : (
            <>
              <Row gutter={[16, 16]}>
                <Col span={8}>
                  <Statistic title={t('assignment.rules.result.considered')} value={result.considered} />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('assignment.rules.result.assigned')}
                    value={result.assigned}
                    className="assign-result-assigned"
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('assignment.rules.result.unplanned')}
                    value={result.unplannedCount}
                    valueStyle={result.unplannedCount > 0 ? { color: '#cf1322' } : undefined}
                  />
                </Col>
              </Row>
              <Descriptions
                size="small"
                column={3}
                style={{ marginTop: 12 }}
                items={[
                  {
                    key: 'c',
                    label: t('assignment.rules.result.sameContract'),
                    children: result.byRule.sameContract,
                  },
                  {
                    key: 'd',
                    label: t('assignment.rules.result.sameDebtor'),
                    children: result.byRule.sameDebtor,
                  },
                  {
                    key: 'b',
                    label: t('assignment.rules.result.balanced'),
                    children: result.byRule.balanced,
                  },
                ]}
              />
              {result.perCollector.length > 0 && (
                <Table
                  size="small"
                  rowKey="collectorId"
                  className="assign-per-collector"
                  style={{ marginTop: 8 }}
                  columns={perCollectorColumns}
                  dataSource={result.perCollector}
                  pagination={false}
                  title={() => t('assignment.rules.result.perCollector')}
                />
              )}
              {result.unplanned.length > 0 && (
                <List
                  size="small"
                  className="assign-unplanned"
                  header={t('assignment.rules.result.unplannedTitle')}
                  dataSource={result.unplanned}
                  renderItem={(u) => (
                    <List.Item>
                      <Space>
                        <Link to={`/cases/${u.caseId}`}>{u.caseNo}</Link>
                        <span>{en ? u.reason.en : u.reason.zh}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </>
          )}
        </div>
      )}
    </Card>
  );
}

/** 分案规则: a portfolio's assignment rules, the teams' capacity, and "assign now". */
export function AssignmentRulesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const portfolios = usePortfolios();
  const [code, setCode] = useState<string | undefined>();
  const current = code ?? portfolios.data?.[0]?.code;
  const rules = useAssignmentRules(current);
  return (
    <div className="page assignment-rules-page">
      <Card>
        <Space wrap>
          <Typography.Text strong>{t('assignment.common.portfolio')}</Typography.Text>
          <Select
            className="rules-portfolio"
            style={{ width: 280 }}
            placeholder={t('assignment.common.portfolioPlaceholder')}
            loading={portfolios.isPending}
            value={current}
            onChange={(value: string) => setCode(value)}
            options={(portfolios.data ?? []).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))}
          />
        </Space>
      </Card>
      {rules.isError && <Alert type="error" showIcon message={errorText(rules.error)} />}
      {current && rules.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {rules.data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <RulesCard view={rules.data} />
          </Col>
          <Col xs={24} xl={10}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <RunCard key={rules.data.portfolioCode} view={rules.data} />
              <Card title={t('assignment.rules.teamsTitle')} size="small" className="teams-card">
                <List
                  size="small"
                  dataSource={rules.data.teams}
                  renderItem={(team) => (
                    <List.Item>
                      <List.Item.Meta
                        title={`${team.name} · ${team.code}`}
                        description={t('assignment.rules.teamCollectors', {
                          count: team.collectors,
                          capacity: team.capacityPerCollector,
                        })}
                      />
                    </List.Item>
                  )}
                />
              </Card>
            </Space>
          </Col>
        </Row>
      )}
    </div>
  );
}
