import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { QaFinding, ReviewAction, TranscriptDetail } from '../api/types';
import { HighlightedText } from '../components/HighlightedText';
import { LoadError } from '../components/Results';
import { ScoreTag } from '../components/ScoreTag';
import { formatDateTime } from '../lib/format';
import type { HighlightRange } from '../lib/highlight';
import { codeLabel } from '../lib/labels';
import { useErrorText } from '../session';

const statusColor: Record<QaFinding['status'], string> = {
  open: 'processing',
  confirmed: 'error',
  dismissed: 'default',
};

function scrollToSelector(selector: string) {
  const element = document.querySelector(selector);
  if (element) element.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

function FindingCard({
  finding,
  selected,
  canReview,
  busy,
  onSelect,
  onReview,
}: {
  finding: QaFinding;
  selected: boolean;
  canReview: boolean;
  busy: boolean;
  onSelect: () => void;
  onReview: (action: ReviewAction) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const info = finding.ruleInfo;
  return (
    <div
      className={`qa-finding qa-finding-${finding.severity}${selected ? ' qa-finding-selected' : ''}`}
      data-finding-id={finding.id}
      data-status={finding.status}
    >
      <div className="qa-finding-head">
        <Space size={6} wrap>
          <Tag color={finding.severity === 'error' ? 'red' : 'gold'} className="qa-severity">
            {codeLabel(t, 'severity', finding.severity)}
          </Tag>
          <Typography.Text strong className="qa-category">
            {codeLabel(t, 'qaCategory', finding.category)}
          </Typography.Text>
        </Space>
        <Tag color={statusColor[finding.status]} className="qa-finding-status">
          {codeLabel(t, 'findingStatus', finding.status)}
        </Tag>
      </div>
      <button type="button" className="qa-finding-quote" onClick={onSelect}>
        <span className="qa-quote-text">“{finding.quote}”</span>
        <span className="qa-quote-turn">{t('qa.turnN', { n: finding.turn + 1 })}</span>
      </button>
      {info ? (
        <>
          <div className="qa-finding-section">
            <div className="qa-finding-label">{t('qa.explanation')}</div>
            <div className="qa-explanation">{en ? info.explanation.en : info.explanation.zh}</div>
          </div>
          <div className="qa-finding-section qa-alternative-box">
            <div className="qa-finding-label">{t('qa.alternative')}</div>
            <div className="qa-alternative">{info.alternative}</div>
          </div>
        </>
      ) : (
        <Typography.Text type="secondary">{t('qa.noRuleInfo')}</Typography.Text>
      )}
      <Typography.Text type="secondary" className="qa-rule-id">
        {finding.rule}
      </Typography.Text>
      {finding.status !== 'open' && finding.reviewedByName && (
        <div className="qa-finding-review">
          {t('qa.reviewedBy', {
            name: finding.reviewedByName,
            time: formatDateTime(finding.reviewedAt),
            status: codeLabel(t, 'findingStatus', finding.status),
          })}
          {finding.reviewNote && (
            <div className="qa-review-note">
              {t('qa.note')}：{finding.reviewNote}
            </div>
          )}
        </div>
      )}
      {canReview && (
        <div className="qa-finding-actions">
          {finding.status === 'open' ? (
            <>
              <Button
                key="confirm"
                size="small"
                danger
                type="primary"
                icon={<CheckOutlined />}
                loading={busy}
                onClick={() => onReview('confirm')}
                className="qa-confirm"
              >
                {t('qa.confirm')}
              </Button>
              <Button
                key="dismiss"
                size="small"
                icon={<CloseOutlined />}
                disabled={busy}
                onClick={() => onReview('dismiss')}
                className="qa-dismiss"
              >
                {t('qa.dismiss')}
              </Button>
            </>
          ) : (
            <Button
              key="reopen"
              size="small"
              icon={<RollbackOutlined />}
              loading={busy}
              onClick={() => onReview('reopen')}
              className="qa-reopen"
            >
              {t('qa.reopen')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

export function QaTranscriptPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<QaFinding | null>(null);
  const [noteForm] = Form.useForm<{ note: string }>();

  const detail = useQuery({
    queryKey: ['qa', 'transcript', id],
    queryFn: () => api.get<TranscriptDetail>(`/qa/transcripts/${encodeURIComponent(id)}`),
  });

  const review = useMutation({
    mutationFn: (input: { findingId: string; action: ReviewAction; note?: string }) =>
      api.post<QaFinding>(`/qa/findings/${input.findingId}/review`, {
        action: input.action,
        note: input.note,
      }),
    onSuccess: async (_finding, input) => {
      // The call's score and counts come from the server: show them together with the new status.
      await client.refetchQueries({ queryKey: ['qa', 'transcript', id] });
      message.success(
        t(
          input.action === 'confirm'
            ? 'qa.confirmed'
            : input.action === 'dismiss'
              ? 'qa.dismissed'
              : 'qa.reopened',
        ),
      );
      setDismissing(null);
    },
    onError: (error) => {
      message.error(errorText(error));
      // E.g. someone else reviewed it first: show what it is now.
      void client.refetchQueries({ queryKey: ['qa', 'transcript', id] });
    },
    onSettled: () => void client.invalidateQueries({ queryKey: ['qa'], refetchType: 'none' }),
  });

  useEffect(() => {
    if (selected) scrollToSelector(`.qa-turn mark[data-finding-id="${selected}"]`);
  }, [selected]);

  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;
  const { transcript, turns, findings, canReview } = detail.data;
  const rangesByTurn = new Map<number, HighlightRange[]>();
  for (const f of findings) {
    const list = rangesByTurn.get(f.turn) ?? [];
    list.push({ id: f.id, start: f.start, end: f.end, severity: f.severity });
    rangesByTurn.set(f.turn, list);
  }
  const findingById = new Map(findings.map((f) => [f.id, f]));
  const confirmedErrors = findings.filter((f) => f.status === 'confirmed' && f.severity === 'error').length;
  const open = findings.filter((f) => f.status === 'open').length;
  // The server's score (refetched after every review).
  const score = transcript.score;

  const selectFinding = (findingId: string) => {
    setSelected(findingId);
    scrollToSelector(`.qa-finding[data-finding-id="${findingId}"]`);
  };

  const onReview = (finding: QaFinding, action: ReviewAction) => {
    setSelected(finding.id);
    if (action === 'dismiss') {
      noteForm.resetFields();
      setDismissing(finding);
      return;
    }
    review.mutate({ findingId: finding.id, action });
  };

  return (
    <div className="page">
      <Card className="qa-header">
        <div className="case-header-top">
          <Space size={12} wrap>
            <Typography.Title level={4} className="case-title qa-transcript-title">
              {transcript.title}
            </Typography.Title>
            <Tag color={transcript.party === 'third_party' ? 'purple' : 'blue'}>
              {codeLabel(t, 'party', transcript.party)}
            </Tag>
          </Space>
          <Row gutter={32} className="case-figures qa-figures">
            <Col>
              <Statistic
                title={t('qa.score')}
                valueRender={() => <ScoreTag score={score} provisional={open > 0} />}
                value={score}
              />
            </Col>
            <Col>
              <Statistic title={t('qa.findings')} value={findings.length} />
            </Col>
            <Col>
              <Statistic title={t('qa.openFindings')} value={open} />
            </Col>
            <Col>
              <Statistic
                title={t('qa.confirmedErrors')}
                value={confirmedErrors}
                className="qa-confirmed-errors"
              />
            </Col>
          </Row>
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'collector', label: t('qa.collector'), children: transcript.collectorName ?? '—' },
            { key: 'team', label: t('qa.team'), children: transcript.teamName ?? '—' },
            {
              key: 'agency',
              label: t('qa.agency'),
              children: transcript.agencyName ?? t('qa.inHouse'),
            },
            {
              key: 'case',
              label: t('qa.caseNo'),
              children:
                transcript.caseId && transcript.caseNo ? (
                  <Link to={`/cases/${transcript.caseId}`}>{transcript.caseNo}</Link>
                ) : (
                  '—'
                ),
            },
            {
              key: 'calledAt',
              label: t('qa.calledAt'),
              children: transcript.calledAt ? formatDateTime(transcript.calledAt) : t('qa.unknown'),
            },
            {
              key: 'uploaded',
              label: t('qa.uploadedBy'),
              children: `${transcript.uploadedByName} · ${formatDateTime(transcript.uploadedAt)}`,
            },
            {
              key: 'profile',
              label: t('qa.profile'),
              children: codeLabel(t, 'complianceProfile', transcript.profile),
            },
            { key: 'source', label: t('qa.source'), children: transcript.sourceName ?? '—' },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={14}>
          <Card title={t('qa.conversation')} className="qa-conversation">
            {findings.length > 0 && (
              <Typography.Paragraph type="secondary" className="panel-hint">
                {t('qa.selectHint')}
              </Typography.Paragraph>
            )}
            {turns.map((turn, index) => (
              <div
                // Turns have no identity of their own: their position is it.
                // biome-ignore lint/suspicious/noArrayIndexKey: the position is the turn's identity
                key={index}
                className={`qa-turn qa-turn-${turn.speaker}`}
                data-turn={index}
              >
                <div className="qa-turn-meta">
                  <span className="qa-speaker">{codeLabel(t, 'speaker', turn.speaker)}</span>
                  <span className="qa-turn-no">{t('qa.turnN', { n: index + 1 })}</span>
                </div>
                <div className="qa-turn-text">
                  <HighlightedText
                    text={turn.text}
                    ranges={rangesByTurn.get(index) ?? []}
                    selectedId={selected}
                    onSelect={selectFinding}
                    titleOf={(range) => {
                      const f = findingById.get(range.id);
                      return f
                        ? `${codeLabel(t, 'severity', f.severity)} · ${codeLabel(t, 'qaCategory', f.category)}`
                        : '';
                    }}
                  />
                </div>
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={`${t('qa.findingsPanel')}（${findings.length}）`}
            className="qa-findings-panel"
            extra={
              <Typography.Text type="secondary">
                {codeLabel(t, 'findingStatus', 'open')}：{open}
              </Typography.Text>
            }
          >
            {findings.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('qa.noFindingsDetail')} />
            ) : (
              <div className="qa-finding-list">
                {findings.map((finding) => (
                  <FindingCard
                    key={finding.id}
                    finding={finding}
                    selected={finding.id === selected}
                    canReview={canReview}
                    busy={review.isPending && review.variables?.findingId === finding.id}
                    onSelect={() => setSelected(finding.id)}
                    onReview={(action) => onReview(finding, action)}
                  />
                ))}
              </div>
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={dismissing !== null}
        title={t('qa.dismissTitle')}
        okText={t('qa.dismissSubmit')}
        cancelText={t('common.cancel')}
        confirmLoading={review.isPending}
        onCancel={() => setDismissing(null)}
        onOk={() => noteForm.submit()}
        destroyOnHidden
        className="qa-dismiss-modal"
      >
        {dismissing && (
          <>
            <Typography.Paragraph>{t('qa.dismissHint')}</Typography.Paragraph>
            <Typography.Paragraph className="qa-dismiss-quote">
              <Tag color={dismissing.severity === 'error' ? 'red' : 'gold'}>
                {codeLabel(t, 'severity', dismissing.severity)}
              </Tag>
              {codeLabel(t, 'qaCategory', dismissing.category)} · “{dismissing.quote}”
            </Typography.Paragraph>
            <Form
              form={noteForm}
              layout="vertical"
              onFinish={(values) =>
                review.mutate({ findingId: dismissing.id, action: 'dismiss', note: values.note.trim() })
              }
            >
              <Form.Item
                name="note"
                label={t('qa.note')}
                rules={[{ required: true, whitespace: true, message: t('qa.noteRequired') }]}
              >
                <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('qa.notePlaceholder')} />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </div>
  );
}
