import { Button, Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { pick, useCohorts, useScenarios, useTrainees, useTrainingSessions } from '../api/training';
import { LoadError } from '../components/Results';
import { SessionTable } from '../components/training/SessionTable';
import '../components/training/training.css';

/** The filters live in the URL, so a link from a cohort (?cohort=) or a reload shows the same list. */
function readFilters(params: URLSearchParams) {
  return {
    traineeId: params.get('trainee') ?? undefined,
    scenarioId: params.get('scenario') ?? undefined,
    cohortId: params.get('cohort') ?? undefined,
  };
}

/** 练习记录: the trainees' role-play calls, by trainee, scenario or cohort; a row opens the call and its report. */
export function TrainingTranscriptsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const sessions = useTrainingSessions(filters);
  const trainees = useTrainees();
  const scenarios = useScenarios();
  const cohorts = useCohorts();

  const update = (name: 'trainee' | 'scenario' | 'cohort', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filtered = Boolean(filters.traineeId || filters.scenarioId || filters.cohortId);

  return (
    <div className="page training-transcripts">
      <Card>
        <Typography.Title level={4} className="section-title">
          {t('training.transcripts.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="training-intro">
          {t('training.transcripts.hint')}
        </Typography.Paragraph>
        <div className="filter-bar">
          <Space size={6}>
            <span>{t('training.transcripts.trainee')}</span>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={filters.traineeId}
              onChange={(value?: string) => update('trainee', value)}
              placeholder={t('common.all')}
              loading={trainees.isPending}
              options={(trainees.data ?? []).map((trainee) => ({
                value: trainee.id,
                label: trainee.displayName,
              }))}
              className="filter-trainee"
            />
          </Space>
          <Space size={6}>
            <span>{t('training.transcripts.scenario')}</span>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={filters.scenarioId}
              onChange={(value?: string) => update('scenario', value)}
              placeholder={t('common.all')}
              loading={scenarios.isPending}
              options={(scenarios.data ?? []).map((scenario) => ({
                value: scenario.id,
                label: pick(scenario.title, i18n.language),
              }))}
              popupMatchSelectWidth={false}
              className="filter-scenario"
              style={{ width: 280 }}
            />
          </Space>
          <Space size={6}>
            <span>{t('training.transcripts.cohort')}</span>
            <Select
              allowClear
              value={filters.cohortId}
              onChange={(value?: string) => update('cohort', value)}
              placeholder={t('common.all')}
              loading={cohorts.isPending}
              options={(cohorts.data ?? []).map((cohort) => ({ value: cohort.id, label: cohort.name }))}
              className="filter-cohort"
            />
          </Space>
          {filtered && (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('common.reset')}
            </Button>
          )}
        </div>
        {sessions.isError ? (
          <LoadError error={sessions.error} onRetry={() => sessions.refetch()} />
        ) : (
          <SessionTable
            sessions={sessions.data ?? []}
            loading={sessions.isPending || sessions.isPlaceholderData}
            withTrainee
            traineeLinks
            emptyText={t('training.transcripts.empty')}
          />
        )}
      </Card>
    </div>
  );
}
