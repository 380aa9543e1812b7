import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Modal,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { followupKeys, type TaskBody, useMyTasks, usePromisesDue } from '../../api/followup';
import { formatFen } from '../../lib/format';
import { codeLabel } from '../../lib/labels';
import { useErrorText } from '../../session';

const kindColor: Record<string, string> = {
  promise_reminder: 'blue',
  promise_follow_up: 'orange',
  callback: 'purple',
  review: 'geekblue',
};

const fen = (value: unknown) => (typeof value === 'number' ? formatFen(value) : '—');
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '—');

/** What a task is about, in one line, from its payload. */
function TaskDetail({ task }: { task: TaskBody }) {
  const { t } = useTranslation();
  const p = task.payload;
  let line: string | null = null;
  switch (task.kind) {
    case 'promise_reminder':
      line = t('followup.today.promiseLine', { amount: fen(p.amountFen), date: text(p.dueDate) });
      break;
    case 'promise_follow_up':
      line = t('followup.today.followUpLine', { amount: fen(p.amountFen), paid: fen(p.paidFen ?? 0) });
      break;
    case 'callback':
      line = t('followup.today.callbackLine', { phone: text(p.phone ?? p.contactName) });
      break;
    case 'review':
      if (p.review === 'dispute') {
        line = t('followup.today.review.dispute', { type: t(`followup.disputeType.${text(p.disputeType)}`) });
      } else if (p.review === 'payment_claim') {
        line = t('followup.today.review.payment_claim', {
          amount: fen(p.amountFen),
          date: text(p.paidOn),
          channel: t(`followup.claimChannel.${text(p.channel)}`),
        });
        if (typeof p.reference === 'string' && p.reference) {
          line += ` · ${t('followup.today.reference', { ref: p.reference })}`;
        }
      } else if (p.review === 'deceased') {
        line = t('followup.today.review.deceased', {
          by: [text(p.reportedBy), typeof p.relation === 'string' ? p.relation : '']
            .filter(Boolean)
            .join(' · '),
        });
      }
      break;
  }
  const note = typeof p.note === 'string' && p.note ? p.note : null;
  return (
    <Space orientation="vertical" size={0}>
      {line && <span className="task-line">{line}</span>}
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Space>
  );
}

/** The due time: the time of day for today's, the date and time for others. */
function dueText(iso: string): string {
  const due = dayjs(iso);
  return due.isSame(dayjs(), 'day') ? due.format('HH:mm') : due.format('MM-DD HH:mm');
}

/** 今日待办: promises due today (and tomorrow), and the tasks due by the end of today, overdue in red. */
export function TodayPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const tasks = useMyTasks('today');
  const promises = usePromisesDue();
  const [closing, setClosing] = useState<TaskBody | null>(null);
  const [note, setNote] = useState('');
  const done = useMutation({
    mutationFn: ({ id, text: noteText }: { id: string; text: string }) =>
      api.post<TaskBody>(`/tasks/${encodeURIComponent(id)}/done`, { note: noteText.trim() || null }),
    onSuccess: () => {
      message.success(t('followup.today.doneOk'));
      setClosing(null);
      setNote('');
      void queryClient.invalidateQueries({ queryKey: followupKeys.tasksAll });
    },
    onError: (error) => message.error(errorText(error)),
  });

  const promiseItems = promises.data ?? [];
  const taskItems = tasks.data ?? [];
  const overdue = taskItems.filter((task) => task.overdue).length;

  return (
    <Card
      className="today-panel"
      title={
        <Space size={8}>
          <span>{t('followup.today.title')}</span>
          {overdue > 0 && (
            <Tag color="error" className="today-overdue-count">
              {t('followup.today.overdue')} {overdue}
            </Tag>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" className="panel-hint">
        {t('followup.today.hint')}
      </Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={14}>
          <Typography.Title level={5}>{t('followup.today.tasks')}</Typography.Title>
          {tasks.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : tasks.isError ? (
            <Typography.Text type="danger">{errorText(tasks.error)}</Typography.Text>
          ) : taskItems.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followup.today.tasksEmpty')} />
          ) : (
            <List
              size="small"
              className="today-tasks"
              dataSource={taskItems}
              renderItem={(task) => (
                <List.Item
                  key={task.id}
                  className={task.overdue ? 'today-task task-overdue' : 'today-task'}
                  data-kind={task.kind}
                  data-task-id={task.id}
                  style={task.overdue ? { background: '#fff1f0' } : undefined}
                  actions={[
                    <Link key="open" to={`/cases/${task.caseId}`} className="task-open">
                      {t('followup.today.open')}
                    </Link>,
                    <Button
                      key="done"
                      size="small"
                      icon={<CheckOutlined />}
                      className="task-done"
                      onClick={() => {
                        setNote('');
                        setClosing(task);
                      }}
                    >
                      {t('followup.today.done')}
                    </Button>,
                  ]}
                >
                  <Space orientation="vertical" size={2}>
                    <Space size={6} wrap>
                      <Tag color={kindColor[task.kind] ?? 'default'} className="task-kind">
                        {t(`followup.today.kind.${task.kind}`)}
                      </Tag>
                      <Typography.Text strong className={task.overdue ? 'task-due overdue' : 'task-due'}>
                        {t('followup.today.dueAt', { at: dueText(task.dueAt) })}
                      </Typography.Text>
                      {task.overdue && (
                        <Tag color="error" className="task-overdue-tag">
                          {t('followup.today.overdue')}
                        </Tag>
                      )}
                      {task.team && <Tag>{t('followup.today.team')}</Tag>}
                      <Typography.Text type="secondary" className="task-case">
                        {task.caseNo} · {task.debtorName}
                      </Typography.Text>
                    </Space>
                    <TaskDetail task={task} />
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Title level={5}>{t('followup.today.promises')}</Typography.Title>
          {promises.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : promises.isError ? (
            <Typography.Text type="danger">{errorText(promises.error)}</Typography.Text>
          ) : promiseItems.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followup.today.promisesEmpty')} />
          ) : (
            <List
              size="small"
              className="today-promises"
              dataSource={promiseItems}
              renderItem={(p) => (
                <List.Item
                  key={p.promiseId}
                  className="today-promise"
                  actions={[
                    <Link key="open" to={`/cases/${p.caseId}`}>
                      {t('followup.today.open')}
                    </Link>,
                  ]}
                >
                  <Space orientation="vertical" size={2}>
                    <Space size={6} wrap>
                      <Tag color={p.dueNextDay ? 'default' : 'orange'}>
                        {p.dueNextDay ? t('followup.today.tomorrow') : t('followup.today.todayDue')}
                      </Tag>
                      <strong className="amount">{formatFen(p.amountFen)}</strong>
                      <span>{codeLabel(t, 'promiseChannel', p.channel)}</span>
                    </Space>
                    <Typography.Text type="secondary">
                      {p.caseNo} · {p.debtorName} ·{' '}
                      {t('followup.today.paid', {
                        paid: formatFen(p.paidFen),
                        amount: formatFen(p.amountFen),
                      })}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
      <Modal
        open={closing !== null}
        title={t('followup.today.doneTitle')}
        onCancel={() => setClosing(null)}
        onOk={() => closing && done.mutate({ id: closing.id, text: note })}
        okButtonProps={{ loading: done.isPending, className: 'task-done-confirm' }}
        destroyOnHidden
      >
        {closing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {t(`followup.today.kind.${closing.kind}`)} · {closing.caseNo} · {closing.debtorName}
            </Typography.Text>
            <Input.TextArea
              className="task-done-note"
              rows={3}
              maxLength={2000}
              value={note}
              placeholder={t('followup.today.doneNote')}
              onChange={(e) => setNote(e.target.value)}
            />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
