import { CheckCircleFilled, CloseCircleFilled, RedoOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Progress,
  Radio,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pick, type QuizQuestion, type QuizResult, useQuizDraw, useSubmitQuiz } from '../api/training';
import { LoadError } from '../components/Results';
import { CertificationStatus } from '../components/training/CertificationStatus';
import { PassTag } from '../components/training/TrainingReport';
import { codeLabel } from '../lib/labels';
import { useErrorText } from '../session';
import '../components/training/training.css';

type Answers = Record<string, string[]>;
type QuizItem = QuizResult['items'][number];

function optionText(question: QuizQuestion, keys: readonly string[], language: string, none: string) {
  if (keys.length === 0) return none;
  return keys
    .map((key) => {
      const option = question.options.find((o) => o.key === key);
      if (!option) return key;
      const text = pick(option.text, language);
      // True/false options are their own text; lettered options keep the letter.
      return question.kind === 'true_false' ? text : `${key}. ${text}`;
    })
    .join('；');
}

function QuestionCard({
  question,
  number,
  chosen,
  onChange,
  item,
}: {
  question: QuizQuestion;
  number: number;
  chosen: string[];
  onChange: (keys: string[]) => void;
  /** The graded item once submitted. */
  item: QuizItem | undefined;
}) {
  const { t, i18n } = useTranslation();
  const graded = item !== undefined;
  const optionClass = (key: string) => {
    if (!item) return 'quiz-option';
    if (item.answer.includes(key)) return 'quiz-option quiz-option-answer';
    if (item.chosen.includes(key)) return 'quiz-option quiz-option-wrong';
    return 'quiz-option';
  };
  const label = (key: string, text: { zh: string; en: string }) => (
    <span>
      {question.kind !== 'true_false' && <span className="quiz-option-key">{key}.</span>}
      {pick(text, i18n.language)}
    </span>
  );
  return (
    <Card
      size="small"
      className={`quiz-question${item ? ` quiz-question-graded quiz-question-${item.correct ? 'correct' : 'incorrect'}` : ''}`}
      data-question-id={question.id}
      data-kind={question.kind}
      data-correct={item ? String(item.correct) : undefined}
      title={
        <Space size={8} wrap>
          <span>{t('training.quiz.questionN', { n: number })}</span>
          <Tag color="blue">{codeLabel(t, 'training.quiz.kind', question.kind)}</Tag>
          <Tag>{codeLabel(t, 'training.quiz.topic', question.topic)}</Tag>
        </Space>
      }
      extra={
        item &&
        (item.correct ? (
          <Tag color="success" icon={<CheckCircleFilled />} className="quiz-verdict">
            {t('training.quiz.correct')}
          </Tag>
        ) : (
          <Tag color="error" icon={<CloseCircleFilled />} className="quiz-verdict">
            {t('training.quiz.incorrect')}
          </Tag>
        ))
      }
    >
      <div className="quiz-question-prompt">{pick(question.prompt, i18n.language)}</div>
      {question.kind === 'multiple' ? (
        <Checkbox.Group
          value={chosen}
          onChange={(values) => {
            if (!graded) onChange(values.map(String));
          }}
          className="quiz-options"
        >
          {question.options.map((option) => (
            <div key={option.key} className={optionClass(option.key)} data-option={option.key}>
              <Checkbox value={option.key}>{label(option.key, option.text)}</Checkbox>
            </div>
          ))}
        </Checkbox.Group>
      ) : (
        <Radio.Group
          value={chosen[0]}
          onChange={(event) => {
            if (!graded) onChange([String(event.target.value)]);
          }}
          className="quiz-options"
        >
          {question.options.map((option) => (
            <div key={option.key} className={optionClass(option.key)} data-option={option.key}>
              <Radio value={option.key}>{label(option.key, option.text)}</Radio>
            </div>
          ))}
        </Radio.Group>
      )}
      {item && (
        <>
          <div className="quiz-answers">
            <span>
              <Typography.Text type="secondary">
                {t('training.quiz.yourAnswer')}
                {t('training.colon')}
              </Typography.Text>
              {optionText(question, item.chosen, i18n.language, t('training.quiz.none'))}
            </span>
            <span className="quiz-correct-answer">
              <Typography.Text type="secondary">
                {t('training.quiz.answer')}
                {t('training.colon')}
              </Typography.Text>
              {optionText(question, item.answer, i18n.language, t('training.quiz.none'))}
            </span>
          </div>
          <div className="quiz-explanation">
            <Typography.Text strong>
              {t('training.quiz.explanation')}
              {t('training.colon')}
            </Typography.Text>
            {pick(item.explanation, i18n.language)}
          </div>
        </>
      )}
    </Card>
  );
}

function ResultCard({
  result,
  onAgain,
  drawing,
}: {
  result: QuizResult;
  onAgain: () => void;
  drawing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t('training.quiz.result')} className="quiz-result" data-passed={String(result.passed)}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={12}>
          <div className="quiz-result-head">
            <Progress
              type="circle"
              percent={result.percent}
              size={110}
              strokeColor={result.passed ? '#16a34a' : '#dc2626'}
              format={(percent) => <span className="quiz-percent">{percent}%</span>}
            />
            <div className="quiz-result-main">
              <Space orientation="vertical" size={8}>
                <Space size={8}>
                  <PassTag passed={result.passed} />
                  <Typography.Text type="secondary">{t('training.quiz.passLine')}</Typography.Text>
                </Space>
                <Typography.Text strong className="quiz-result-line">
                  {t('training.quiz.resultLine', {
                    correct: result.correct,
                    total: result.total,
                    percent: result.percent,
                  })}
                </Typography.Text>
                <Button
                  type="primary"
                  icon={<RedoOutlined />}
                  onClick={onAgain}
                  loading={drawing}
                  className="quiz-again"
                >
                  {t('training.quiz.again')}
                </Button>
              </Space>
            </div>
          </div>
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text strong>{t('training.quiz.certification')}</Typography.Text>
          <CertificationStatus certification={result.certification} />
        </Col>
      </Row>
    </Card>
  );
}

/** 知识测验: a drawn set of questions; after submitting, each answer marked with the right one and why. */
export function TrainingQuizPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const quiz = useQuizDraw();
  const submit = useSubmitQuiz();
  const [answers, setAnswers] = useState<Answers>({});
  const [result, setResult] = useState<QuizResult | null>(null);

  if (quiz.isPending) return <Skeleton active />;
  if (quiz.isError) return <LoadError error={quiz.error} onRetry={() => quiz.refetch()} />;

  const draw = quiz.data;
  const questions = draw.questions;
  const answered = questions.filter((q) => (answers[q.id]?.length ?? 0) > 0).length;
  const items = new Map(result?.items.map((item) => [item.id, item]));

  const send = () =>
    submit.mutate(
      { seed: draw.seed, answers },
      {
        onSuccess: (graded) => {
          setResult(graded);
          window.scrollTo({ top: 0, behavior: 'smooth' });
        },
        onError: (error) => message.error(errorText(error)),
      },
    );

  const onSubmit = () => {
    const missing = questions.length - answered;
    if (missing === 0) {
      send();
      return;
    }
    modal.confirm({
      title: t('training.quiz.unansweredConfirm', { n: missing }),
      okText: t('training.quiz.submit'),
      cancelText: t('common.cancel'),
      onOk: send,
    });
  };

  const again = () => {
    setAnswers({});
    setResult(null);
    submit.reset();
    void quiz.refetch().then(() => window.scrollTo({ top: 0 }));
  };

  return (
    <div className="page training-quiz" data-seed={draw.seed}>
      <Card>
        <Typography.Title level={4} className="section-title">
          {t('training.quiz.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="training-intro">
          {t('training.quiz.hint', { n: questions.length })}
        </Typography.Paragraph>
      </Card>
      {result && <ResultCard result={result} onAgain={again} drawing={quiz.isFetching} />}
      {submit.isError && !result && <Alert type="error" showIcon title={errorText(submit.error)} />}
      {questions.map((question, index) => (
        <QuestionCard
          key={`${draw.seed}-${question.id}`}
          question={question}
          number={index + 1}
          chosen={answers[question.id] ?? []}
          onChange={(keys) => setAnswers((current) => ({ ...current, [question.id]: keys }))}
          item={items.get(question.id)}
        />
      ))}
      <div className={result ? 'quiz-footer' : 'quiz-footer quiz-footer-sticky'}>
        <Typography.Text className="quiz-answered">
          {t('training.quiz.answered', { answered, total: questions.length })}
        </Typography.Text>
        {result ? (
          <Button type="primary" icon={<RedoOutlined />} onClick={again} loading={quiz.isFetching}>
            {t('training.quiz.again')}
          </Button>
        ) : (
          <Button type="primary" onClick={onSubmit} loading={submit.isPending} className="quiz-submit">
            {t('training.quiz.submit')}
          </Button>
        )}
      </div>
    </div>
  );
}
