import { SoundOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Card, DatePicker, Empty, InputNumber, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { type ListeningItemBody, useListeningList } from '../api/followup';
import { ForbiddenPage, LoadError } from '../components/Results';
import { formatDateTime } from '../lib/format';

const reasonColor: Record<ListeningItemBody['reason'], string> = {
  error_findings: 'error',
  warning_findings: 'warning',
  sample_promise: 'blue',
  sample_complaint: 'purple',
  sample: 'default',
};

/** 听录音清单: the calls a team lead should listen to for coaching, grouped by collector. */
export function ListeningListPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const [perCollector, setPerCollector] = useState(2);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const list = useListeningList(from, to, perCollector);

  if (list.isError && list.error instanceof ApiError && list.error.status === 403) return <ForbiddenPage />;

  const columns: TableColumnsType<ListeningItemBody> = [
    {
      title: t('followup.listening.calledAt'),
      dataIndex: 'calledAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('followup.listening.call'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, row) => (
        <Link to={`/qa/transcripts/${row.transcriptId}`} className="listening-title">
          {title}
        </Link>
      ),
    },
    {
      title: t('followup.listening.case'),
      dataIndex: 'caseNo',
      width: 130,
      render: (caseNo: string | null, row) =>
        caseNo && row.caseId ? <Link to={`/cases/${row.caseId}`}>{caseNo}</Link> : '—',
    },
    {
      title: t('followup.listening.findings'),
      key: 'findings',
      width: 210,
      render: (_: unknown, row) =>
        row.errors === 0 && row.warnings === 0 ? (
          <Tag color="success">{t('followup.listening.clean')}</Tag>
        ) : (
          <Space size={4} wrap className="listening-counts">
            {row.errors > 0 && <Tag color="error">{t('followup.listening.errors', { n: row.errors })}</Tag>}
            {row.warnings > 0 && (
              <Tag color="warning">{t('followup.listening.warnings', { n: row.warnings })}</Tag>
            )}
            {row.open > 0 && <Tag>{t('followup.listening.open', { n: row.open })}</Tag>}
          </Space>
        ),
    },
    {
      title: t('followup.listening.why'),
      key: 'why',
      render: (_: unknown, row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={reasonColor[row.reason]} className="listening-reason" data-reason={row.reason}>
            {t(`followup.listening.reason.${row.reason}`)}
          </Tag>
          <Typography.Text type="secondary">{en ? row.reasonText.en : row.reasonText.zh}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '',
      key: 'listen',
      width: 110,
      render: (_: unknown, row) => (
        <Link to={`/qa/transcripts/${row.transcriptId}`}>
          <Button size="small" icon={<SoundOutlined />} className="listening-open">
            {t('followup.listening.listen')}
          </Button>
        </Link>
      ),
    },
  ];

  const data = list.data;
  return (
    <div className="page listening-page">
      <Card>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('followup.listening.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('followup.listening.hint', { n: perCollector })}
          </Typography.Text>
          <Space size={16} wrap>
            <Space size={8}>
              <span>{t('followup.listening.period')}</span>
              <DatePicker.RangePicker
                className="listening-range"
                allowClear={false}
                value={range}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                onChange={(value) => {
                  if (value?.[0] && value[1]) setRange([value[0], value[1]]);
                }}
              />
            </Space>
            <Space size={8}>
              <span>{t('followup.listening.perCollector')}</span>
              <InputNumber
                className="listening-per-collector"
                min={0}
                max={20}
                value={perCollector}
                onChange={(value) => setPerCollector(typeof value === 'number' ? value : 2)}
                style={{ width: 72 }}
              />
              <span>{t('followup.listening.perCollectorUnit')}</span>
            </Space>
          </Space>
        </Space>
      </Card>

      {list.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : !data || (data.items.length === 0 && data.collectors.length === 0) ? (
        <Card>
          <Empty description={t('followup.listening.empty')} />
        </Card>
      ) : (
        data.collectors.map((collector) => {
          const items = data.items.filter((item) => item.collectorId === collector.collectorId);
          const name = collector.collectorName ?? t('followup.listening.noCollector');
          return (
            <Card
              key={collector.collectorId ?? 'none'}
              className="listening-collector"
              data-collector={name}
              title={
                <Space size={12} wrap>
                  <span className="listening-collector-name">{name}</span>
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                    {t('followup.listening.collectorCalls', {
                      listed: collector.listed,
                      total: collector.callsInPeriod,
                    })}
                  </Typography.Text>
                  {collector.short && (
                    <Tag color="warning" className="listening-short">
                      {t('followup.listening.short', { n: data.perCollector })}
                    </Tag>
                  )}
                </Space>
              }
            >
              {items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followup.listening.empty')} />
              ) : (
                <Table<ListeningItemBody>
                  size="small"
                  rowKey="transcriptId"
                  className="listening-table"
                  columns={columns}
                  dataSource={items}
                  pagination={false}
                  rowClassName={(row) => `listening-row reason-${row.reason}`}
                />
              )}
            </Card>
          );
        })
      )}
    </div>
  );
}
