import {
  ArrowLeftOutlined,
  LockOutlined,
  PhoneOutlined,
  RedoOutlined,
  RobotOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  Popconfirm,
  Progress,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  pick,
  type Scenario,
  TRAINING_MANAGE,
  TRAINING_PRACTICE,
  type TrainingSession,
  trainingKeys,
  useEndSession,
  useScenarios,
  useSendTurn,
  useStartSession,
  useTrainingSession,
} from '../api/training';
import { LoadError } from '../components/Results';
import { AccountFacts } from '../components/training/AccountFacts';
import { Difficulty, ScenarioTags } from '../components/training/ScenarioTags';
import { PassTag, TrainingReport } from '../components/training/TrainingReport';
import { formatDateTime } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { useCurrentUser, useErrorText, usePermission } from '../session';
import '../components/training/training.css';

type Turn = TrainingSession['turns'][number];

/** The briefing beside the call: what the collector knows before and during it; the persona after it. */
function BriefingPanel({ session, scenario }: { session: TrainingSession; scenario: Scenario | undefined }) {
  const { t, i18n } = useTranslation();
  const report = session.report;
  const used = session.traineeTurns;
  const limit = session.turnLimit;
  const nearLimit = session.status === 'active' && limit - used <= 2;
  return (
    <div className="session-side">
      <Card className="session-briefing" data-scenario-id={session.scenarioId}>
        <Typography.Title level={5} className="session-side-title">
          {pick(session.scenarioTitle, i18n.language)}
        </Typography.Title>
        {scenario && (
          <Space size={[8, 6]} wrap>
            <Difficulty level={scenario.difficulty} />
            <ScenarioTags
              drill={scenario.drill}
              party={scenario.party}
              persona={report ? report.persona.type : null}
            />
          </Space>
        )}
        {scenario && (
          <div className="session-side-section">
            <span className="session-side-label">{t('training.briefing.background')}</span>
            <div className="session-side-text session-background">
              {pick(scenario.background, i18n.language)}
            </div>
          </div>
        )}
        {scenario && (
          <div className="session-side-section">
            <span className="session-side-label">{t('training.session.facts')}</span>
            <AccountFacts scenario={scenario} />
          </div>
        )}
        {scenario && (
          <div className="session-side-section">
            <span className="session-side-label">{t('training.session.goal')}</span>
            <div className="session-side-text session-goal">{pick(scenario.goalText, i18n.language)}</div>
          </div>
        )}
        <div className="session-side-section">
          <div className="session-turn-counter">
            <span className="session-side-label">{t('training.briefing.turnLimit')}</span>
            <span className="session-turns" data-used={used} data-limit={limit}>
              {t('training.session.turns', { used, limit })}
            </span>
          </div>
          <Progress
            percent={limit > 0 ? Math.round((used / limit) * 100) : 0}
            showInfo={false}
            size="small"
            strokeColor={nearLimit ? '#fa8c16' : '#1d4ed8'}
          />
        </div>
        <div className="session-side-section">
          <span className="session-side-label">{t('training.session.persona')}</span>
          {report ? (
            <Space size={6} wrap className="session-persona" data-persona={report.persona.type}>
              <Tag color="purple">{codeLabel(t, 'training.persona', report.persona.type)}</Tag>
              <span>{codeLabel(t, 'training.mindset', report.persona.mindset)}</span>
            </Space>
          ) : (
            <span className="session-persona-hidden">
              <LockOutlined />
              {t('training.session.personaHidden')}
            </span>
          )}
        </div>
        {session.status === 'active' && (
          <div className="session-side-section session-rules">{t('training.briefing.rules')}</div>
        )}
      </Card>
    </div>
  );
}

function Bubble({
  turn,
  index,
  pending,
  traineeLabel,
}: {
  turn: Turn;
  index: number;
  pending?: boolean;
  traineeLabel?: string;
}) {
  const { t } = useTranslation();
  const trainee = turn.speaker === 'trainee';
  return (
    <div
      className={`chat-line chat-line-${turn.speaker}${pending ? ' chat-line-pending' : ''}`}
      data-turn={pending ? undefined : index}
      data-speaker={turn.speaker}
    >
      <div className="chat-meta">
        <span className="chat-speaker">
          {trainee ? (traineeLabel ?? t('training.session.trainee')) : t('training.session.debtor')}
        </span>
      </div>
      <div className="chat-bubble">{turn.text}</div>
    </div>
  );
}

function Typing() {
  const { t } = useTranslation();
  return (
    <div className="chat-line chat-line-debtor chat-waiting" aria-live="polite">
      <div className="chat-meta">
        <span className="chat-speaker">{t('training.session.debtor')}</span>
      </div>
      <div className="chat-bubble">
        <span className="chat-typing" title={t('training.session.waiting')}>
          <span className="chat-typing-dot" />
          <span className="chat-typing-dot" />
          <span className="chat-typing-dot" />
        </span>
      </div>
    </div>
  );
}

/** The live call: bubbles, the hint, the text box with send and the end-call button. */
function LiveCall({ session, readOnly }: { session: TrainingSession; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const send = useSendTurn(session.id);
  const end = useEndSession(session.id);
  const [draft, setDraft] = useState('');
  const [pendingText, setPendingText] = useState<string | null>(null);
  const [refused, setRefused] = useState<unknown>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const turnCount = session.turns.length;
  // Keep the newest line in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when lines are added or one is sent
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [turnCount, pendingText]);

  const submit = () => {
    if (send.isPending || end.isPending) return;
    const text = draft.trim();
    if (!text) {
      message.warning(t('training.session.empty'));
      return;
    }
    setRefused(null);
    setPendingText(text);
    setDraft('');
    send.mutate(text, {
      onSuccess: () => setPendingText(null),
      onError: (error) => {
        setPendingText(null);
        setDraft(text);
        setRefused(error);
        // The call may have ended elsewhere (another tab, the time limit): show it as it stands.
        void client.invalidateQueries({ queryKey: trainingKeys.session(session.id) });
      },
      onSettled: () => box.current?.focus(),
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; Enter while an input method is composing picks the word.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    if (event.nativeEvent.keyCode === 229) return;
    event.preventDefault();
    submit();
  };

  const hangUp = () => {
    setRefused(null);
    end.mutate(undefined, { onError: (error) => setRefused(error) });
  };

  const busy = send.isPending || end.isPending;

  return (
    <Card
      className="chat-card"
      title={
        <div className="session-head">
          <div className="session-head-title">
            <PhoneOutlined />
            <Typography.Text strong>{pick(session.scenarioTitle, i18n.language)}</Typography.Text>
            <Tag color="processing" className="session-status" data-status={session.status}>
              {t('training.session.status.active')}
            </Tag>
          </div>
          {!readOnly && (
            <Popconfirm
              title={t('training.session.hangUpConfirm')}
              okText={t('training.session.hangUp')}
              cancelText={t('common.cancel')}
              onConfirm={hangUp}
              okButtonProps={{ danger: true, className: 'session-end-confirm' }}
            >
              <Button
                danger
                icon={<PhoneOutlined rotate={135} />}
                loading={end.isPending}
                className="session-end"
              >
                {t('training.session.hangUp')}
              </Button>
            </Popconfirm>
          )}
        </div>
      }
    >
      <div className="chat-scroll" ref={scroller}>
        {turnCount === 0 && pendingText === null ? (
          <div className="chat-empty">
            <PhoneOutlined />
            <span>{readOnly ? t('training.session.noTurnsYet') : t('training.session.noTurns')}</span>
          </div>
        ) : (
          <div className="chat-lines">
            {session.turns.map((turn, index) => (
              <Bubble
                // biome-ignore lint/suspicious/noArrayIndexKey: the position is the turn's identity
                key={index}
                turn={turn}
                index={index}
                traineeLabel={readOnly ? session.trainee.displayName : undefined}
              />
            ))}
            {pendingText !== null && (
              <>
                <Bubble turn={{ speaker: 'trainee', text: pendingText }} index={turnCount} pending />
                <Typing />
              </>
            )}
          </div>
        )}
      </div>
      {!readOnly && (
        <div className="chat-composer">
          {session.hint && !busy && (
            <Alert
              type="warning"
              showIcon
              className="session-hint"
              title={`${t('training.session.hint')}${t('training.colon')}${pick(session.hint, i18n.language)}`}
            />
          )}
          {refused !== null && (
            <Alert
              type="error"
              showIcon
              closable={{ onClose: () => setRefused(null) }}
              className="session-error"
              title={t('training.session.refused')}
              description={errorText(refused)}
            />
          )}
          <div className="chat-composer-row">
            <Input.TextArea
              ref={(instance) => {
                box.current = instance?.resizableTextArea?.textArea ?? null;
              }}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
              placeholder={t('training.session.placeholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={2000}
              disabled={end.isPending}
              autoFocus
              className="chat-input"
              aria-label={t('training.session.placeholder')}
            />
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={submit}
              loading={send.isPending}
              disabled={end.isPending}
              className="chat-send"
            >
              {t('training.session.send')}
            </Button>
          </div>
          <div className="chat-composer-foot">
            <span>{send.isPending ? t('training.session.waiting') : t('training.session.keys')}</span>
            <span>
              <RobotOutlined /> {session.llm ? t('training.session.llm') : t('training.session.offline')}
            </span>
          </div>
        </div>
      )}
    </Card>
  );
}

/** Above the report of an ended call: who, when, the result, and what to do next. */
function EndedBar({ session, readOnly }: { session: TrainingSession; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const start = useStartSession();
  const canManage = usePermission(TRAINING_MANAGE);
  const report = session.report;
  const again = () =>
    start.mutate(session.scenarioId, {
      onSuccess: (next) => navigate(`/training/sessions/${next.id}`),
      onError: (error) => message.error(errorText(error)),
    });
  return (
    <Card className="session-ended">
      <div className="session-ended-bar">
        <Space orientation="vertical" size={2}>
          <div className="session-head-title">
            <PhoneOutlined />
            <Typography.Text strong>{pick(session.scenarioTitle, i18n.language)}</Typography.Text>
            <Tag className="session-status" data-status={session.status}>
              {t('training.session.callEnded')}
            </Tag>
            {report && <PassTag passed={report.passed} />}
          </div>
          <span className="session-meta">
            {t('training.session.traineeNamed', { name: session.trainee.displayName })}
            {' · '}
            {t('training.session.startedAt', { at: formatDateTime(session.startedAt) })}
            {session.endedAt
              ? ` · ${t('training.session.endedAt', { at: formatDateTime(session.endedAt) })}`
              : ''}
            {' · '}
            {session.llm ? t('training.session.llm') : t('training.session.offline')}
          </span>
        </Space>
        <Space wrap>
          {readOnly && canManage ? (
            <Link to="/training/transcripts">
              <Button icon={<ArrowLeftOutlined />}>{t('training.session.backToTranscripts')}</Button>
            </Link>
          ) : (
            <Link to="/training">
              <Button icon={<ArrowLeftOutlined />}>{t('training.session.backToLibrary')}</Button>
            </Link>
          )}
          {!readOnly && (
            <Button type="primary" icon={<RedoOutlined />} loading={start.isPending} onClick={again}>
              {t('training.library.again')}
            </Button>
          )}
        </Space>
      </div>
    </Card>
  );
}

/**
 * 角色扮演: the call with the simulated customer. During the call: the briefing beside a chat with a text
 * box; after it, the after-call report with every trainee line annotated. Someone else's call (a trainer
 * reading a trainee's) is read-only.
 */
export function TrainingSessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const session = useTrainingSession(id);
  const canPractise = usePermission(TRAINING_PRACTICE);
  const canManage = usePermission(TRAINING_MANAGE);
  // The briefing's facts come from the library (the session carries only the title).
  const scenarios = useScenarios(canPractise || canManage);

  if (session.isPending) return <Skeleton active />;
  if (session.isError) return <LoadError error={session.error} onRetry={() => session.refetch()} />;

  const data = session.data;
  const scenario = scenarios.data?.find((s) => s.id === data.scenarioId);
  const readOnly = data.trainee.id !== me.id;
  const ended = data.status === 'ended';

  return (
    <div className="page training-session" data-session-id={data.id} data-status={data.status}>
      {readOnly && (
        <Alert
          type="info"
          showIcon
          className="session-read-only"
          title={t('training.session.readOnly', { name: data.trainee.displayName })}
        />
      )}
      <Row gutter={[16, 16]} className="session-layout">
        <Col xs={24} lg={8} xxl={6}>
          <BriefingPanel session={data} scenario={scenario} />
        </Col>
        <Col xs={24} lg={16} xxl={18}>
          <div className="session-main">
            {ended ? (
              <>
                <EndedBar session={data} readOnly={readOnly} />
                {data.report ? (
                  <TrainingReport
                    report={data.report}
                    turns={data.turns}
                    traineeLabel={readOnly ? data.trainee.displayName : undefined}
                  />
                ) : (
                  <Alert type="warning" showIcon title={t('training.session.noReport')} />
                )}
              </>
            ) : (
              <LiveCall key={data.id} session={data} readOnly={readOnly} />
            )}
          </div>
        </Col>
      </Row>
    </div>
  );
}
