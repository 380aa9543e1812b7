import { ArrowRightOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Result,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { QueueAnswer } from '../api/workbench';
import { BucketTag } from '../components/BucketTag';
import { TodayPanel } from '../components/workbench/TodayPanel';
import { formatDateTime, formatFen } from '../lib/format';
import { useErrorText } from '../session';

/** 我的队列: the next case to call now, why, and what the gate skipped; and 今日待办, the day's tasks and promises. */
export function QueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const next = useMutation({
    mutationFn: () => api.get<QueueAnswer>('/queue/next'),
    onError: (error) => message.error(errorText(error)),
  });
  const answer = next.data;
  const found = answer?.next ?? null;

  return (
    <div className="page queue-page">
      <Card>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('queue.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('queue.hint')}</Typography.Text>
          <Button
            type="primary"
            size="large"
            icon={<ThunderboltOutlined />}
            className="queue-next"
            loading={next.isPending}
            onClick={() => next.mutate()}
          >
            {t('queue.next')}
          </Button>
        </Space>
      </Card>

      {!answer && !next.isPending && (
        <Card>
          <Empty description={t('queue.empty')} />
        </Card>
      )}

      {answer && found && (
        <Card className="queue-found" data-case-id={found.caseId}>
          <div className="queue-found-top">
            <Space size={12} wrap align="center">
              <Typography.Title level={4} className="queue-debtor" style={{ margin: 0 }}>
                {found.debtorName}
              </Typography.Title>
              <Typography.Text type="secondary" className="queue-case-no">
                {found.caseNo}
              </Typography.Text>
              <BucketTag bucket={found.bucket} daysPastDue={found.daysPastDue} />
              <Tag color={found.because === 'follow_up' ? 'orange' : 'blue'} className="queue-because">
                {found.because === 'follow_up'
                  ? t('queue.followUp', { at: formatDateTime(found.followUpAt) })
                  : t('queue.priority', { priority: found.priority })}
              </Tag>
            </Space>
            <Space size={40}>
              <Statistic title={t('detail.dpd')} value={found.daysPastDue} />
              <Statistic title={t('detail.balance')} value={formatFen(found.balanceFen)} />
            </Space>
          </div>
          <Button
            type="primary"
            icon={<ArrowRightOutlined />}
            className="queue-open"
            onClick={() => navigate(`/cases/${found.caseId}`)}
          >
            {t('queue.open')}
          </Button>
        </Card>
      )}

      {answer && !found && (
        <Card className="queue-nothing">
          <Result
            status="info"
            title={t('queue.nothing')}
            subTitle={
              answer.nextCallableAt
                ? t('queue.nothingAt', { at: formatDateTime(answer.nextCallableAt) })
                : t('queue.nothingNone')
            }
          />
        </Card>
      )}

      {answer && answer.skipped.length > 0 && (
        <Card title={t('queue.skipped')} className="queue-skipped">
          <List
            size="small"
            dataSource={answer.skipped}
            renderItem={(item) => (
              <List.Item key={item.caseId}>
                <Descriptions
                  size="small"
                  column={3}
                  items={[
                    { key: 'no', label: t('queue.caseNo'), children: item.caseNo },
                    {
                      key: 'reasons',
                      label: t('queue.reasons'),
                      children: (
                        <Space size={4} wrap>
                          {item.reasons.map((r) => (
                            <Tag key={r} color="error">
                              {t(`gateReason.${r}`, { defaultValue: r })}
                            </Tag>
                          ))}
                        </Space>
                      ),
                    },
                    {
                      key: 'next',
                      label: t('queue.nextAllowedAt'),
                      children: item.nextAllowedAt
                        ? formatDateTime(item.nextAllowedAt)
                        : t('workbench.never'),
                    },
                  ]}
                />
              </List.Item>
            )}
          />
        </Card>
      )}

      <TodayPanel />
    </div>
  );
}
