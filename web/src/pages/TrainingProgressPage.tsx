import { FormOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useProgress } from '../api/training';
import { LoadError } from '../components/Results';
import { CertificationStatus } from '../components/training/CertificationStatus';
import { SessionTable } from '../components/training/SessionTable';
import { SkillRadar } from '../components/training/SkillRadar';
import { formatDate } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { useCurrentUser } from '../session';
import '../components/training/training.css';

/**
 * 我的进度 (own, /training/progress) and 学员进度 (a trainer on /training/trainees/:id): certification and
 * its requirements, the skill radar, the quiz summary and the history of practice calls.
 */
export function TrainingProgressPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useCurrentUser();
  const own = id === undefined || id === me.id;
  const progress = useProgress(own ? null : (id ?? null));

  if (progress.isPending) return <Skeleton active />;
  if (progress.isError) return <LoadError error={progress.error} onRetry={() => progress.refetch()} />;

  const data = progress.data;
  // Only the dimensions that applied to some call: a third-party item at 0 would only pull the shape in.
  const applied = data.radar.filter((point) => point.calls > 0);
  const radarPoints = (applied.length >= 3 ? applied : applied.length > 0 ? data.radar : []).map((point) => ({
    key: point.dimension,
    label: codeLabel(t, 'training.dimensionShort', point.dimension),
    value: point.value,
    caption: t('training.progress.calls', { n: point.calls }),
  }));

  return (
    <div className="page training-progress" data-trainee-id={data.trainee.id}>
      <Card>
        <div className="progress-head">
          <Typography.Title level={4} className="section-title progress-title">
            {own
              ? t('training.progress.title')
              : t('training.progress.titleOf', { name: data.trainee.displayName })}
          </Typography.Title>
          {own && (
            <Link to="/training">
              <Button type="primary" icon={<PhoneOutlined />}>
                {t('training.progress.toLibrary')}
              </Button>
            </Link>
          )}
        </div>
      </Card>
      <Row gutter={[16, 16]} className="progress-cards">
        <Col xs={24} xl={10}>
          <div className="progress-column">
            <Card title={t('training.progress.certification')} className="progress-certification">
              <CertificationStatus certification={data.certification} />
            </Card>
            <Card
              title={t('training.progress.quiz')}
              className="progress-quiz quiz-summary"
              extra={
                own && (
                  <Link to="/training/quiz">
                    <Button size="small" icon={<FormOutlined />}>
                      {t('training.progress.takeQuiz')}
                    </Button>
                  </Link>
                )
              }
            >
              <Row gutter={[16, 16]}>
                <Col span={8}>
                  <Statistic title={t('training.progress.quizAttempts')} value={data.quiz.attempts} />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('training.progress.quizBest')}
                    value={data.quiz.bestPercent ?? '—'}
                    suffix={data.quiz.bestPercent === null ? undefined : '%'}
                    className="quiz-best"
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('training.progress.quizLast')}
                    value={data.quiz.lastAt ? formatDate(data.quiz.lastAt) : '—'}
                  />
                </Col>
              </Row>
            </Card>
          </div>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('training.progress.radar')} className="progress-radar">
            {radarPoints.length > 0 ? (
              <>
                <SkillRadar points={radarPoints} title={t('training.progress.radar')} />
                <Typography.Paragraph type="secondary" className="panel-hint radar-hint">
                  {t('training.progress.radarHint')}
                </Typography.Paragraph>
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training.progress.radarEmpty')} />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('training.progress.history')} className="progress-history table-card">
        <SessionTable
          sessions={data.sessions}
          emptyText={own ? t('training.progress.historyEmpty') : t('training.progress.historyEmptyOther')}
        />
      </Card>
    </div>
  );
}
