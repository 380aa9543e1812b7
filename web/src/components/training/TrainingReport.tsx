import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Progress, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick, type TrainingReport as Report, type TrainingFinding, type TurnNote } from '../../api/training';
import { formatDate, formatFen } from '../../lib/format';
import type { HighlightRange } from '../../lib/highlight';
import { codeLabel } from '../../lib/labels';
import { HighlightedText } from '../HighlightedText';
import './training.css';

interface Turn {
  speaker: 'trainee' | 'debtor';
  text: string;
}

function scrollToTurn(turn: number) {
  const element = document.querySelector(`.training-report [data-report-turn="${turn}"]`);
  if (element) element.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/** 通过 / 未通过 as a tag. */
export function PassTag({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === null) return <span>—</span>;
  return (
    <Tag color={passed ? 'success' : 'error'} className="training-pass-tag" data-passed={String(passed)}>
      {passed ? t('training.passed') : t('training.failed')}
    </Tag>
  );
}

function FindingBox({ finding }: { finding: TrainingFinding }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={`training-finding training-finding-${finding.severity}`} data-category={finding.category}>
      <Space size={6} wrap className="training-finding-head">
        <Tag color={finding.severity === 'error' ? 'red' : 'gold'}>
          {codeLabel(t, 'severity', finding.severity)}
        </Tag>
        <Typography.Text strong>{codeLabel(t, 'qaCategory', finding.category)}</Typography.Text>
      </Space>
      <div className="training-finding-quote">
        <span className="training-finding-label">{t('training.report.quote')}</span>“{finding.quote}”
      </div>
      <div className="training-finding-row">
        <span className="training-finding-label">{t('training.report.explanation')}</span>
        {pick(finding.explanation, i18n.language)}
      </div>
      {finding.alternative && (
        <div className="training-finding-row training-finding-alternative">
          <span className="training-finding-label">{t('training.report.alternative')}</span>
          {finding.alternative}
        </div>
      )}
    </div>
  );
}

/** One line of the call; a trainee line carries its recognised acts, coaching notes and findings. */
function ReportTurn({
  index,
  turn,
  note,
  traineeLabel,
}: {
  index: number;
  turn: Turn;
  note: TurnNote | undefined;
  traineeLabel: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const findings = note?.findings ?? [];
  const ranges: HighlightRange[] = findings.map((f, i) => ({
    id: `${index}-${i}`,
    start: f.start,
    end: f.end,
    severity: f.severity,
  }));
  const trainee = turn.speaker === 'trainee';
  return (
    <div
      className={`chat-line chat-line-${turn.speaker}${findings.length > 0 ? ' chat-line-flagged' : ''}`}
      data-report-turn={index}
    >
      <div className="chat-meta">
        <span className="chat-speaker">
          {trainee ? (traineeLabel ?? t('training.session.trainee')) : t('training.session.debtor')}
        </span>
        <span>{t('training.report.atTurn', { n: index + 1 })}</span>
      </div>
      <div className="chat-bubble">
        <HighlightedText text={turn.text} ranges={ranges} />
      </div>
      {trainee && note && (note.acts.length > 0 || note.notes.length > 0 || findings.length > 0) && (
        <div className="report-annotations">
          {note.acts.length > 0 && (
            <div className="report-acts">
              {note.acts.map((act) => (
                <Tag key={act} color="blue" className="report-act" data-act={act}>
                  {codeLabel(t, 'training.act', act)}
                </Tag>
              ))}
            </div>
          )}
          {note.notes.map((n) => (
            <div key={n.zh} className="report-note">
              {pick(n, i18n.language)}
            </div>
          ))}
          {findings.map((f) => (
            <FindingBox key={`${f.rule}-${f.start}`} finding={f} />
          ))}
        </div>
      )}
    </div>
  );
}

function StateBar({ label, value, bad }: { label: string; value: number; bad?: boolean }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="persona-state-row">
      <span className="persona-state-label">{label}</span>
      <Progress
        percent={percent}
        size="small"
        status="normal"
        strokeColor={bad ? '#f5222d' : '#1d4ed8'}
        format={() => String(percent)}
      />
    </div>
  );
}

/**
 * The after-call report of a role-play: score and pass, the compliance gate, goal and outcome, the scored
 * items, the call line by line with what each trainee line did and what was wrong with it, and the
 * persona revealed. The trainee sees it when the call ends; trainers see the same on 练习记录 (with
 * `traineeLabel`, the trainee's name instead of 我 on their lines).
 */
export function TrainingReport({
  report,
  turns,
  traineeLabel,
}: {
  report: Report;
  turns: readonly Turn[];
  traineeLabel?: string;
}) {
  const { t, i18n } = useTranslation();
  const notes = new Map(report.turnNotes.map((note) => [note.turn, note]));
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const promise = report.outcome.promise;
  const state = report.persona.finalState;

  return (
    <div className="training-report" data-passed={String(report.passed)}>
      <Card className="report-summary" title={t('training.report.title')}>
        <div className="report-summary-body">
          <div className="report-score">
            <Progress
              type="dashboard"
              percent={report.score}
              size={132}
              strokeColor={report.passed ? '#16a34a' : '#dc2626'}
              format={() => (
                <span className="report-score-value" data-score={report.score}>
                  {report.score}
                </span>
              )}
            />
            <div className="report-score-caption">
              <PassTag passed={report.passed} />
              <Typography.Text type="secondary">{t('training.report.passLine')}</Typography.Text>
            </div>
          </div>
          <div className="report-summary-main">
            {report.compliancePassed ? (
              <Alert
                type="success"
                showIcon
                className="report-compliance report-compliance-ok"
                title={t('training.report.complianceOk')}
              />
            ) : (
              <Alert
                type="error"
                showIcon
                className="report-compliance report-compliance-failed"
                title={t('training.report.complianceFail')}
                description={t('training.report.findingsCount', { n: errors })}
              />
            )}
            <Descriptions
              size="small"
              column={1}
              className="report-outcome"
              items={[
                {
                  key: 'goal',
                  label: t('training.report.goal'),
                  children: (
                    <Tag color={report.goalMet ? 'success' : 'default'} className="report-goal">
                      {report.goalMet ? t('training.report.goalMet') : t('training.report.goalNotMet')}
                    </Tag>
                  ),
                },
                {
                  key: 'outcome',
                  label: t('training.report.outcome'),
                  children: (
                    <Space size={8} wrap className="report-ended" data-ended={report.outcome.ended}>
                      <Tag color={report.outcome.ended === 'promise' ? 'blue' : 'default'}>
                        {codeLabel(t, 'training.ended', report.outcome.ended)}
                      </Tag>
                      {promise && (
                        <span className="report-promise">
                          {t('training.report.promise', {
                            amount: formatFen(promise.amount),
                            date: formatDate(promise.date),
                          })}
                          {' · '}
                          {promise.channel
                            ? t('training.report.channel', {
                                channel: codeLabel(t, 'training.channel', promise.channel),
                              })
                            : t('training.report.noChannel')}
                        </span>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </div>
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={14}>
          <Card title={t('training.report.dimensions')} className="report-dimensions">
            <ul className="dimension-list">
              {report.dimensions.map((d) => (
                <li
                  key={d.dimension}
                  className={`dimension-item dimension-${d.passed ? 'passed' : 'failed'}`}
                  data-dimension={d.dimension}
                  data-passed={String(d.passed)}
                >
                  {d.passed ? (
                    <CheckCircleFilled className="dimension-icon dimension-icon-ok" aria-label="✓" />
                  ) : (
                    <CloseCircleFilled className="dimension-icon dimension-icon-bad" aria-label="✗" />
                  )}
                  <div className="dimension-text">
                    <div className="dimension-head">
                      <span className="dimension-name">
                        {codeLabel(t, 'training.dimension', d.dimension)}
                      </span>
                      <span className="dimension-weight">{t('training.report.weight', { n: d.weight })}</span>
                    </div>
                    <div className="dimension-note">
                      {pick(d.note, i18n.language)}
                      {d.turn !== null && (
                        <button
                          type="button"
                          className="dimension-turn"
                          onClick={() => scrollToTurn(d.turn ?? 0)}
                        >
                          {t('training.report.atTurn', { n: d.turn + 1 })}
                        </button>
                      )}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} xxl={10}>
          <Card title={t('training.report.persona')} className="report-persona">
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'type',
                  label: t('training.report.type'),
                  children: (
                    <Tag color="purple" className="persona-type" data-persona={report.persona.type}>
                      {codeLabel(t, 'training.persona', report.persona.type)}
                    </Tag>
                  ),
                },
                {
                  key: 'mindset',
                  label: t('training.report.mindset'),
                  children: codeLabel(t, 'training.mindset', report.persona.mindset),
                },
                {
                  key: 'situation',
                  label: t('training.report.situation'),
                  children: codeLabel(t, 'training.situation', String(report.persona.situation)),
                },
                {
                  key: 'coaching',
                  label: t('training.report.coaching'),
                  children: (
                    <span className="persona-coaching">{pick(report.persona.coaching, i18n.language)}</span>
                  ),
                },
              ]}
            />
            <Typography.Text strong className="persona-state-title">
              {t('training.report.finalState')}
            </Typography.Text>
            <div className="persona-state">
              <StateBar label={t('training.state.patience')} value={state.patience} />
              <StateBar label={t('training.state.trust')} value={state.trust} />
              <StateBar label={t('training.state.willingness')} value={state.willingness} />
              <StateBar label={t('training.state.hostility')} value={state.hostility} bad />
            </div>
          </Card>
        </Col>
      </Row>

      <Card title={t('training.report.transcript')} className="report-transcript">
        <div className="chat-lines">
          {turns.map((turn, index) => (
            <ReportTurn
              // The position is the line's identity in a call.
              // biome-ignore lint/suspicious/noArrayIndexKey: the position is the turn's identity
              key={index}
              index={index}
              turn={turn}
              note={notes.get(index)}
              traineeLabel={traineeLabel}
            />
          ))}
        </div>
      </Card>
    </div>
  );
}
