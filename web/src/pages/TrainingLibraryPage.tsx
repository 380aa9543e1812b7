import { CalendarOutlined, PhoneOutlined, TrophyOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Modal,
  Row,
  Segmented,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { pick, type Scenario, useScenarios, useStartSession } from '../api/training';
import { LoadError } from '../components/Results';
import { AccountFacts } from '../components/training/AccountFacts';
import { Difficulty, ScenarioTags } from '../components/training/ScenarioTags';
import { PassTag } from '../components/training/TrainingReport';
import { formatDate } from '../lib/format';
import { useErrorText } from '../session';
import '../components/training/training.css';

function isPastDue(date: string | null): boolean {
  return date !== null && date < dayjs().format('YYYY-MM-DD');
}

function ScenarioCard({ scenario, onStart }: { scenario: Scenario; onStart: () => void }) {
  const { t, i18n } = useTranslation();
  const best = scenario.best;
  return (
    <Card
      className="scenario-card"
      data-scenario-id={scenario.id}
      title={
        <Space size={8} className="scenario-card-title">
          <span className="scenario-title">{pick(scenario.title, i18n.language)}</span>
        </Space>
      }
      extra={<Difficulty level={scenario.difficulty} />}
      actions={[
        <Button
          key="start"
          type={best ? 'default' : 'primary'}
          icon={<PhoneOutlined />}
          onClick={onStart}
          className="scenario-start"
        >
          {best ? t('training.library.again') : t('training.library.start')}
        </Button>,
      ]}
    >
      <ScenarioTags drill={scenario.drill} party={scenario.party} persona={scenario.persona} />
      <Typography.Paragraph
        type="secondary"
        ellipsis={{ rows: 2, tooltip: pick(scenario.background, i18n.language) }}
        className="scenario-background"
      >
        {pick(scenario.background, i18n.language)}
      </Typography.Paragraph>
      <div className="scenario-meta">
        <span className="scenario-best">
          <TrophyOutlined />
          {best ? (
            <>
              <span>{t('training.library.best')}</span>
              <strong className="scenario-best-score">{best.score}</strong>
              <PassTag passed={best.passed} />
            </>
          ) : (
            <Typography.Text type="secondary">{t('training.library.notTried')}</Typography.Text>
          )}
        </span>
        {scenario.assignedDue !== null ? (
          <Tag
            color={isPastDue(scenario.assignedDue) && !best?.passed ? 'red' : 'orange'}
            icon={<CalendarOutlined />}
            className="scenario-due"
          >
            {t('training.library.due', { date: formatDate(scenario.assignedDue) })}
          </Tag>
        ) : null}
      </div>
    </Card>
  );
}

/** The briefing before dialling: background, the account, the goal and the turn limit. */
function BriefingModal({ scenario, onClose }: { scenario: Scenario | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const start = useStartSession();
  const call = () => {
    if (!scenario) return;
    start.mutate(scenario.id, {
      onSuccess: (session) => navigate(`/training/sessions/${session.id}`),
      onError: (error) => message.error(errorText(error)),
    });
  };
  return (
    <Modal
      open={scenario !== null}
      title={scenario ? t('training.briefing.title', { title: pick(scenario.title, i18n.language) }) : ''}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      className="briefing-modal"
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="call"
          type="primary"
          icon={<PhoneOutlined />}
          loading={start.isPending}
          onClick={call}
          className="briefing-call"
        >
          {t('training.briefing.call')}
        </Button>,
      ]}
    >
      {scenario && (
        <div className="briefing">
          <Space size={12} wrap className="briefing-tags">
            <Difficulty level={scenario.difficulty} />
            <ScenarioTags drill={scenario.drill} party={scenario.party} persona={scenario.persona} />
          </Space>
          <Typography.Title level={5} className="briefing-heading">
            {t('training.briefing.background')}
          </Typography.Title>
          <Typography.Paragraph className="briefing-background">
            {pick(scenario.background, i18n.language)}
          </Typography.Paragraph>
          <Typography.Title level={5} className="briefing-heading">
            {t('training.briefing.account')}
          </Typography.Title>
          <AccountFacts scenario={scenario} column={2} />
          <Alert
            type="info"
            showIcon
            className="briefing-goal"
            title={`${t('training.briefing.goal')}${t('training.colon')}${pick(scenario.goalText, i18n.language)}`}
            description={
              <>
                <div className="briefing-turn-limit">
                  {t('training.briefing.turnLimitValue', { n: scenario.turnLimit })}
                </div>
                <div>{t('training.briefing.rules')}</div>
              </>
            }
          />
        </div>
      )}
    </Modal>
  );
}

type DifficultyFilter = 'all' | '1' | '2' | '3';

/** 场景库: the scenarios to practise, with what a trainer assigned and the reader's best result. */
export function TrainingLibraryPage() {
  const { t, i18n } = useTranslation();
  const scenarios = useScenarios();
  const [difficulty, setDifficulty] = useState<DifficultyFilter>('all');
  const [assignedOnly, setAssignedOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [briefing, setBriefing] = useState<Scenario | null>(null);

  const shown = useMemo(() => {
    const list = scenarios.data ?? [];
    const needle = search.trim().toLowerCase();
    return list
      .filter((s) => difficulty === 'all' || String(s.difficulty) === difficulty)
      .filter((s) => !assignedOnly || s.assignedDue !== null)
      .filter(
        (s) =>
          !needle ||
          pick(s.title, i18n.language).toLowerCase().includes(needle) ||
          s.tags.some((tag) => tag.toLowerCase().includes(needle)),
      )
      .sort((a, b) => {
        // Assigned and not yet passed first, earliest due first; then by difficulty.
        const openA = a.assignedDue !== null && !a.best?.passed;
        const openB = b.assignedDue !== null && !b.best?.passed;
        if (openA !== openB) return openA ? -1 : 1;
        if (openA && openB && a.assignedDue !== b.assignedDue)
          return (a.assignedDue ?? '') < (b.assignedDue ?? '') ? -1 : 1;
        return a.difficulty - b.difficulty;
      });
  }, [scenarios.data, difficulty, assignedOnly, search, i18n.language]);

  if (scenarios.isPending) return <Skeleton active />;
  if (scenarios.isError) return <LoadError error={scenarios.error} onRetry={() => scenarios.refetch()} />;

  return (
    <div className="page training-library">
      <Card>
        <Typography.Title level={4} className="section-title">
          {t('training.library.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="training-intro">
          {t('training.library.hint')}
        </Typography.Paragraph>
        <Space size={16} wrap className="library-filters">
          <Segmented<DifficultyFilter>
            value={difficulty}
            onChange={setDifficulty}
            className="library-difficulty"
            options={[
              { value: 'all', label: t('common.all') },
              { value: '1', label: t('training.difficulty.1') },
              { value: '2', label: t('training.difficulty.2') },
              { value: '3', label: t('training.difficulty.3') },
            ]}
          />
          <Space size={6}>
            <Switch
              size="small"
              checked={assignedOnly}
              onChange={setAssignedOnly}
              className="library-assigned"
            />
            <span>{t('training.library.filterAssigned')}</span>
          </Space>
          <Input.Search
            allowClear
            placeholder={t('training.library.search')}
            onChange={(event) => setSearch(event.target.value)}
            className="library-search"
          />
          <Typography.Text type="secondary">
            {t('training.library.count', { n: shown.length })}
          </Typography.Text>
        </Space>
      </Card>
      {shown.length === 0 ? (
        <Card>
          <Empty description={t('training.library.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]} className="scenario-grid">
          {shown.map((scenario) => (
            <Col key={scenario.id} xs={24} md={12} xl={8} xxl={6}>
              <ScenarioCard scenario={scenario} onStart={() => setBriefing(scenario)} />
            </Col>
          ))}
        </Row>
      )}
      <BriefingModal scenario={briefing} onClose={() => setBriefing(null)} />
    </div>
  );
}
