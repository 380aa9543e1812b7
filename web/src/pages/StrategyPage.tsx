import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { usePortfolios } from '../api/hooks';
import {
  type StrategyOverview,
  strategyProblemsOf,
  useCreateDraft,
  useStrategyOverview,
  useStrategyVersion,
} from '../api/strategy';
import { LoadError } from '../components/Results';
import { DraftEditor } from '../components/strategy/DraftEditor';
import { StrategyTable } from '../components/strategy/StrategyTable';
import { STATUS_COLORS } from '../components/strategy/strategyText';
import { VersionHistory } from '../components/strategy/VersionHistory';
import '../components/strategy/strategy.css';
import { formatDateTime } from '../lib/format';
import { useErrorText } from '../session';

type Tab = 'active' | 'history' | 'draft';
const TABS: readonly Tab[] = ['active', 'history', 'draft'];

/** "New draft": a copy of the active version, or the default when there is none. */
function NewDraftButton({
  code,
  overview,
  onCreated,
  primary,
}: {
  code: string;
  overview: StrategyOverview;
  onCreated: () => void;
  primary?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateDraft(code);
  const fromDefault = overview.activeVersion === null;
  const onClick = () =>
    // mutateAsync: the answer arrives even when this button is gone (a draft now exists).
    create
      .mutateAsync(fromDefault ? { fromDefault: true } : {})
      .then((draft) => {
        message.success(t('strategy.actions.created', { version: draft.version }));
        onCreated();
      })
      .catch((error: unknown) => {
        const first = strategyProblemsOf(error)?.[0];
        message.error(first ? (i18n.language === 'en' ? first.en : first.zh) : errorText(error));
      });
  return (
    <Tooltip title={fromDefault ? undefined : t('strategy.actions.newDraftHint')}>
      <Button
        type={primary ? 'primary' : 'default'}
        icon={<PlusOutlined />}
        loading={create.isPending}
        onClick={onClick}
        className={fromDefault ? 'strategy-from-default' : 'strategy-new-draft'}
      >
        {fromDefault ? t('strategy.actions.fromDefault') : t('strategy.actions.newDraft')}
      </Button>
    </Tooltip>
  );
}

function ActiveStrategy({
  code,
  overview,
  onDraft,
}: {
  code: string;
  overview: StrategyOverview;
  onDraft: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const active = useStrategyVersion(code, overview.activeVersion);
  if (overview.activeVersion === null) {
    return (
      <Card className="strategy-empty-card">
        <Empty
          className="strategy-empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>{t('strategy.empty.title')}</Typography.Text>
              <Typography.Text type="secondary">{t('strategy.empty.description')}</Typography.Text>
              {!overview.canManage && (
                <Typography.Text type="secondary">{t('strategy.empty.readOnly')}</Typography.Text>
              )}
              {overview.draftVersion !== null && (
                <Typography.Text type="warning">
                  {t('strategy.empty.draftPending', { version: overview.draftVersion })}
                </Typography.Text>
              )}
            </Space>
          }
        >
          {overview.canManage &&
            (overview.draftVersion === null ? (
              <NewDraftButton code={code} overview={overview} onCreated={onDraft} primary />
            ) : (
              <Button type="primary" onClick={onDraft}>
                {t('strategy.actions.editDraft', { version: overview.draftVersion })}
              </Button>
            ))}
        </Empty>
      </Card>
    );
  }
  if (active.isPending) return <Skeleton active />;
  if (active.isError) return <LoadError error={active.error} onRetry={() => active.refetch()} />;
  const detail = active.data;
  return (
    <Card
      className="strategy-active-card"
      title={
        <Space size={8}>
          <span>{t('strategy.tabs.active')}</span>
          <Tag color={STATUS_COLORS.active} className="strategy-active-version">
            {t('strategy.versionTag', { version: detail.version })}
          </Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary" className="strategy-active-meta">
          {detail.activatedByName ?? t('strategy.system')} · {formatDateTime(detail.activatedAt)}
          {detail.note ? ` · ${detail.note}` : ''}
        </Typography.Text>
      }
    >
      {detail.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="strategy-active-problems"
          title={t('strategy.problemsNow')}
          description={
            <ul>
              {detail.problems.map((p) => (
                <li key={`${p.field}-${p.code}`}>
                  <code>{p.field}</code> {en ? p.en : p.zh}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <StrategyTable
        definition={detail.definition}
        smsTemplates={overview.smsTemplates}
        className="strategy-active-table"
      />
    </Card>
  );
}

function DraftTab({
  code,
  overview,
  onActivated,
  onDraft,
}: {
  code: string;
  overview: StrategyOverview;
  onActivated: () => void;
  onDraft: () => void;
}) {
  const { t } = useTranslation();
  const draft = useStrategyVersion(code, overview.draftVersion);
  if (overview.draftVersion === null) {
    return (
      <Card>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('strategy.actions.newDraftHint')}>
          {overview.canManage && (
            <NewDraftButton code={code} overview={overview} onCreated={onDraft} primary />
          )}
        </Empty>
      </Card>
    );
  }
  if (draft.isPending) return <Skeleton active />;
  if (draft.isError) return <LoadError error={draft.error} onRetry={() => draft.refetch()} />;
  if (!overview.canManage) {
    return (
      <Card title={t('strategy.actions.viewDraft', { version: draft.data.version })}>
        <StrategyTable definition={draft.data.definition} smsTemplates={overview.smsTemplates} />
      </Card>
    );
  }
  return (
    <DraftEditor
      key={`${code}-${draft.data.version}`}
      code={code}
      overview={overview}
      draft={draft.data}
      onActivated={onActivated}
    />
  );
}

function StrategyBody({ code, tab, onTab }: { code: string; tab: Tab; onTab: (tab: Tab) => void }) {
  const { t } = useTranslation();
  const overview = useStrategyOverview(code);
  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;
  const active = data.versions.find((v) => v.status === 'active') ?? null;
  let body: ReactNode;
  if (tab === 'history') body = <VersionHistory versions={data.versions} />;
  else if (tab === 'draft')
    body = (
      <DraftTab
        code={code}
        overview={data}
        onActivated={() => onTab('active')}
        onDraft={() => onTab('draft')}
      />
    );
  else body = <ActiveStrategy code={code} overview={data} onDraft={() => onTab('draft')} />;
  return (
    <>
      <Card
        className="strategy-status-card"
        size="small"
        tabList={TABS.map((key) => ({
          key,
          label:
            key === 'draft' && data.draftVersion !== null ? (
              <span className="strategy-tab-draft">
                {t('strategy.tabs.draft')}{' '}
                <Tag color={STATUS_COLORS.draft}>
                  {t('strategy.versionTag', { version: data.draftVersion })}
                </Tag>
              </span>
            ) : (
              t(`strategy.tabs.${key}`)
            ),
        }))}
        activeTabKey={tab}
        onTabChange={(key) => onTab(key as Tab)}
        tabBarExtraContent={
          data.canManage &&
          data.draftVersion === null &&
          tab !== 'draft' && <NewDraftButton code={code} overview={data} onCreated={() => onTab('draft')} />
        }
      >
        <Space size={[32, 8]} wrap className="strategy-summary">
          <span>
            <span className="summary-label">{t('strategy.summary.active')}</span>
            {active ? (
              <Typography.Text strong className="strategy-summary-active">
                {t('strategy.summary.activeValue', { version: active.version })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary" className="strategy-summary-active">
                {t('strategy.summary.none')}
              </Typography.Text>
            )}
          </span>
          {active && (
            <span>
              <span className="summary-label">{t('strategy.summary.segments')}</span>
              <Typography.Text>{active.segmentCount}</Typography.Text>
            </span>
          )}
          {active && (
            <span>
              <span className="summary-label">{t('strategy.summary.activatedBy')}</span>
              <Typography.Text>
                {active.activatedByName ?? t('strategy.system')} · {formatDateTime(active.activatedAt)}
              </Typography.Text>
            </span>
          )}
          <span>
            <span className="summary-label">{t('strategy.summary.draft')}</span>
            <Typography.Text className="strategy-summary-draft">
              {data.draftVersion !== null
                ? t('strategy.summary.activeValue', { version: data.draftVersion })
                : t('strategy.summary.noDraft')}
            </Typography.Text>
          </span>
          <span>
            <span className="summary-label">{t('strategy.summary.buckets')}</span>
            <Typography.Text>{data.portfolio.buckets.join(' · ')}</Typography.Text>
          </span>
        </Space>
      </Card>
      {body}
    </>
  );
}

/** 催收策略: a portfolio's active strategy, its versions, and (for strategy.manage) the draft editor. */
export function StrategyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const portfolios = usePortfolios();
  const list = portfolios.data ?? [];
  const wanted = params.get('portfolio');
  const code = list.some((p) => p.code === wanted) ? wanted : (list[0]?.code ?? null);
  const requested = params.get('tab');
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : 'active';

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  let body: ReactNode;
  if (portfolios.isError) body = <LoadError error={portfolios.error} onRetry={() => portfolios.refetch()} />;
  else if (portfolios.isPending) body = <Skeleton active />;
  else if (!code)
    body = (
      <Card>
        <Empty description={t('strategy.noPortfolios')} />
      </Card>
    );
  else
    body = (
      <StrategyBody
        key={code}
        code={code}
        tab={tab}
        onTab={(next) => update({ tab: next === 'active' ? undefined : next })}
      />
    );

  return (
    <div className="page strategy-page">
      <Card
        className="strategy-head"
        title={t('strategy.title')}
        extra={
          <Select
            aria-label={t('strategy.portfolio')}
            className="strategy-portfolio"
            placeholder={t('strategy.portfolioPlaceholder')}
            value={code ?? undefined}
            loading={portfolios.isPending}
            options={list.map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
            onChange={(value: string) => update({ portfolio: value, tab: undefined })}
            popupMatchSelectWidth={false}
          />
        }
      >
        <Typography.Paragraph type="secondary" className="strategy-intro">
          {t('strategy.intro')}
        </Typography.Paragraph>
      </Card>
      {body}
    </div>
  );
}
