import { CheckCircleOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api/client';
import { usePortfolios } from '../api/hooks';
import type {
  LintFinding,
  LintResult,
  SavedTemplate,
  Template,
  TemplateDetail,
  TemplateKind,
} from '../api/types';
import { HighlightedText } from '../components/HighlightedText';
import { LintFindingList } from '../components/LintFindingList';
import { LoadError } from '../components/Results';
import { formatDateTime } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { useDebounced } from '../lib/useDebounced';
import { useErrorText, usePermission } from '../session';
import { templateStatusColor } from './TemplatesPage';

const kinds: readonly TemplateKind[] = ['sms', 'letter', 'script'];
const maxLength: Record<TemplateKind, number> = { sms: 500, letter: 20_000, script: 20_000 };

function refusedFindings(error: unknown): LintFinding[] | null {
  if (!(error instanceof ApiError) || error.code !== 'TEMPLATE_HAS_VIOLATIONS') return null;
  const details = error.details as { findings?: LintFinding[] } | undefined;
  return Array.isArray(details?.findings) ? details.findings : [];
}

/** The lint result: a summary line, the text with the findings marked, and each finding explained. */
function LintPanel({ body, findings, pending }: { body: string; findings: LintFinding[]; pending: boolean }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<number | null>(null);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  let summary: ReactNode;
  if (!body.trim()) summary = null;
  else if (errors > 0)
    summary = (
      <Alert
        type="error"
        showIcon
        title={t('templates.lintErrors', { n: errors })}
        className="lint-summary"
      />
    );
  else if (warnings > 0)
    summary = (
      <Alert
        type="warning"
        showIcon
        title={t('templates.lintWarnings', { n: warnings })}
        className="lint-summary"
      />
    );
  else summary = <Alert type="success" showIcon title={t('templates.lintClean')} className="lint-summary" />;
  return (
    <Card
      title={t('templates.lintTitle')}
      className="lint-panel"
      extra={pending ? <Spin size="small" /> : null}
      size="small"
    >
      {summary}
      {findings.length > 0 && (
        <>
          <Typography.Title level={5} className="sub-title">
            {t('templates.preview')}
          </Typography.Title>
          <div className="lint-preview">
            <HighlightedText
              text={body}
              ranges={findings.map((f, i) => ({
                id: String(i),
                start: f.start,
                end: f.end,
                severity: f.severity,
              }))}
              selectedId={selected === null ? null : String(selected)}
              onSelect={(id) => setSelected(Number(id))}
            />
          </div>
          <LintFindingList
            findings={findings}
            selected={selected}
            onSelect={setSelected}
            className="lint-live"
          />
        </>
      )}
    </Card>
  );
}

export function TemplateEditorPage() {
  const { id } = useParams();
  const isNew = !id;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canPublishRole = usePermission('templates.publish');
  const canWrite = usePermission('templates.write');
  const canPickPortfolio = usePermission('cases.read');
  const portfolios = usePortfolios();

  const kindParam = searchParams.get('kind');
  const [kind, setKind] = useState<TemplateKind>(
    kinds.includes(kindParam as TemplateKind) ? (kindParam as TemplateKind) : 'sms',
  );
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [portfolio, setPortfolio] = useState<string | undefined>(undefined);
  const [refusal, setRefusal] = useState<{ error: unknown; findings: LintFinding[] } | null>(null);
  const [draftExists, setDraftExists] = useState<string | null>(null);

  const detail = useQuery({
    queryKey: ['templates', 'detail', id],
    queryFn: () => api.get<TemplateDetail>(`/templates/${encodeURIComponent(id ?? '')}`),
    enabled: !isNew,
  });
  const loaded = detail.data?.template;

  // Load the saved fields when another template is opened (not on every refetch of the same one, so
  // that typing during a save is kept).
  const loadedId = loaded?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a different template resets the fields
  useEffect(() => {
    if (!loaded) return;
    setKind(loaded.kind);
    setName(loaded.name);
    setBody(loaded.body);
    setPortfolio(loaded.portfolioCode ?? undefined);
    setRefusal(null);
    setDraftExists(null);
  }, [loadedId]);

  const dirty = isNew || !loaded || loaded.name !== name || loaded.body !== body;
  const readOnly = !isNew && (!detail.data?.canEdit || loaded?.status === 'retired');
  // Live lint while editing; a read-only template shows the server's findings of the saved text.
  const live = !readOnly && (canWrite || canPublishRole);
  const lintInput = useDebounced({ kind, body, portfolio }, 400);
  const lint = useQuery({
    queryKey: ['templates', 'lint', lintInput],
    queryFn: () => api.post<LintResult>('/templates/lint', lintInput),
    enabled: live && lintInput.body.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const findings = !body.trim() ? [] : live ? (lint.data?.findings ?? []) : (detail.data?.findings ?? []);
  const lintPending = live && (lint.isFetching || lintInput.body !== body || lintInput.kind !== kind);

  const refresh = () => void client.invalidateQueries({ queryKey: ['templates'] });

  const save = useMutation({
    mutationFn: async (): Promise<SavedTemplate> => {
      if (isNew) return api.post<SavedTemplate>('/templates', { kind, name, body, portfolio });
      return api.patch<SavedTemplate>(`/templates/${id}`, { name, body });
    },
    onSuccess: (saved) => {
      setRefusal(null);
      message.success(
        saved.revised ? t('templates.savedRevision', { n: saved.template.version }) : t('templates.saved'),
      );
      if (isNew || saved.template.id !== id) navigate(`/templates/${saved.template.id}`, { replace: isNew });
      refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'TEMPLATE_DRAFT_EXISTS') {
        const draftId = (error.details as { draftId?: string } | undefined)?.draftId ?? null;
        setDraftExists(draftId);
      }
      message.error(errorText(error));
    },
  });

  const publish = useMutation({
    mutationFn: async () => {
      let target = id;
      if (dirty) target = (await save.mutateAsync()).template.id;
      return api.post<{ template: Template; findings: LintFinding[] }>(`/templates/${target}/publish`);
    },
    onSuccess: (result) => {
      setRefusal(null);
      message.success(t('templates.published'));
      if (result.template.id !== id) navigate(`/templates/${result.template.id}`);
      refresh();
    },
    onError: (error) => {
      const refused = refusedFindings(error);
      if (refused) setRefusal({ error, findings: refused });
      else message.error(errorText(error));
      refresh();
    },
  });

  const retire = useMutation({
    mutationFn: () => api.post<Template>(`/templates/${id}/retire`),
    onSuccess: () => {
      message.success(t('templates.retired'));
      refresh();
    },
    onError: (error) => message.error(errorText(error)),
  });

  if (!isNew && detail.isPending) return <Skeleton active />;
  if (!isNew && detail.isError) return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;

  const status = loaded?.status ?? 'draft';
  const canPublish = isNew
    ? canPublishRole
    : Boolean(detail.data?.canPublish) || (status === 'published' && canPublishRole && dirty);
  const canRetire = !isNew && Boolean(detail.data?.canRetire);
  const busy = save.isPending || publish.isPending || retire.isPending;

  return (
    <div className="page">
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={13}>
          <Card
            className="template-editor"
            title={
              <Space size={8} wrap>
                <span>{isNew ? t('templates.newTitle') : t('templates.editTitle')}</span>
                {loaded && (
                  <>
                    <Tag>{t('templates.versionN', { n: loaded.version })}</Tag>
                    <Tag color={templateStatusColor[loaded.status]} className="template-status">
                      {codeLabel(t, 'templateStatus', loaded.status)}
                    </Tag>
                  </>
                )}
              </Space>
            }
            extra={<Link to="/templates">{t('templates.backToList')}</Link>}
          >
            {loaded?.status === 'published' && !readOnly && (
              <Alert
                type="info"
                showIcon
                title={t('templates.publishedReadonly')}
                className="template-hint"
              />
            )}
            {loaded?.status === 'retired' && (
              <Alert
                type="warning"
                showIcon
                title={t('templates.retiredReadonly')}
                className="template-hint"
              />
            )}
            {draftExists && (
              <Alert
                type="warning"
                showIcon
                title={t('templates.draftExists')}
                action={<Link to={`/templates/${draftExists}`}>{t('templates.openDraft')}</Link>}
                className="template-hint"
              />
            )}
            {refusal && (
              <Alert
                type="error"
                showIcon
                className="publish-refused"
                title={errorText(refusal.error)}
                description={
                  <>
                    <div>{t('templates.publishRefusedHint')}</div>
                    <LintFindingList findings={refusal.findings} className="refused-findings" compact />
                  </>
                }
              />
            )}
            <Form layout="vertical" className="template-form" disabled={readOnly}>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item label={t('templates.name')} required>
                    <Input
                      className="template-name"
                      value={name}
                      maxLength={100}
                      onChange={(e) => setName(e.target.value)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('templates.kind')}>
                    <Segmented<TemplateKind>
                      className="template-kind"
                      value={kind}
                      disabled={!isNew || readOnly}
                      onChange={setKind}
                      options={kinds.map((k) => ({ value: k, label: codeLabel(t, 'templateKind', k) }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              {canPickPortfolio && (
                <Form.Item label={t('templates.portfolio')}>
                  <Select
                    allowClear
                    className="template-portfolio"
                    disabled={!isNew || readOnly}
                    placeholder={t('templates.portfolioNone')}
                    value={portfolio}
                    onChange={(value?: string) => setPortfolio(value)}
                    options={(portfolios.data ?? []).map((p) => ({
                      value: p.code,
                      label: `${p.name}（${p.code}）`,
                    }))}
                  />
                </Form.Item>
              )}
              <Form.Item label={t('templates.body')} required>
                <Input.TextArea
                  className="template-body"
                  value={body}
                  onChange={(e) => setBody(e.target.value)}
                  autoSize={{ minRows: kind === 'sms' ? 5 : 10, maxRows: 24 }}
                  maxLength={maxLength[kind]}
                  showCount
                  placeholder={t('templates.bodyPlaceholder')}
                />
              </Form.Item>
            </Form>
            <Space wrap>
              {!readOnly && (
                <Button
                  icon={<SaveOutlined />}
                  onClick={() => save.mutate()}
                  loading={save.isPending}
                  disabled={busy || !name.trim() || !body.trim() || !dirty}
                  className="template-save"
                >
                  {t('templates.save')}
                </Button>
              )}
              {canPublish && !readOnly && (
                <Button
                  type="primary"
                  icon={<CheckCircleOutlined />}
                  onClick={() => publish.mutate()}
                  loading={publish.isPending}
                  disabled={busy || !name.trim() || !body.trim()}
                  className="template-publish"
                >
                  {t('templates.publish')}
                </Button>
              )}
              {canRetire && (
                <Popconfirm
                  title={status === 'draft' ? t('templates.discardConfirm') : t('templates.retireConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => retire.mutate()}
                >
                  <Button
                    danger
                    icon={<StopOutlined />}
                    loading={retire.isPending}
                    className="template-retire"
                  >
                    {status === 'draft' ? t('templates.discard') : t('templates.retire')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Space orientation="vertical" size={16} className="full-width">
            <LintPanel body={body} findings={findings} pending={lintPending && body.trim().length > 0} />
            {detail.data && detail.data.versions.length > 0 && (
              <Card title={t('templates.versions')} size="small" className="template-versions">
                <Timeline
                  items={detail.data.versions.map((v) => ({
                    key: v.id,
                    color: v.status === 'published' ? 'green' : v.status === 'draft' ? 'blue' : 'gray',
                    content: (
                      <Space size={6} wrap>
                        {v.id === id ? (
                          <Typography.Text strong>
                            {t('templates.versionN', { n: v.version })}
                          </Typography.Text>
                        ) : (
                          <Link to={`/templates/${v.id}`}>{t('templates.versionN', { n: v.version })}</Link>
                        )}
                        <Tag color={templateStatusColor[v.status]}>
                          {codeLabel(t, 'templateStatus', v.status)}
                        </Tag>
                        <Typography.Text type="secondary">
                          {v.publishedByName
                            ? `${v.publishedByName} · ${formatDateTime(v.publishedAt)}`
                            : `${v.authorName} · ${formatDateTime(v.updatedAt)}`}
                        </Typography.Text>
                      </Space>
                    ),
                  }))}
                />
              </Card>
            )}
          </Space>
        </Col>
      </Row>
    </div>
  );
}
