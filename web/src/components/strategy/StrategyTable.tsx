import type { TableColumnsType } from 'antd';
import { Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment, SmsTemplateChoice, StrategyDefinition } from '../../api/strategy';
import {
  ACTION_COLORS,
  CHANNEL_COLORS,
  conditionLines,
  escalationText,
  isCatchAll,
  planLines,
} from './strategyText';

interface Row {
  index: number;
  segment: Segment;
}

/** A strategy as people read it: one row per segment in matching order, with its conditions, plan and escalations. */
export function StrategyTable({
  definition,
  smsTemplates,
  className,
}: {
  definition: StrategyDefinition;
  smsTemplates: readonly SmsTemplateChoice[];
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const columns: TableColumnsType<Row> = [
    {
      title: t('strategy.columns.order'),
      key: 'order',
      width: 64,
      align: 'center',
      render: (_: unknown, row) => <span className="strategy-order">{row.index + 1}</span>,
    },
    {
      title: t('strategy.columns.segment'),
      key: 'segment',
      width: 220,
      render: (_: unknown, { segment }) => (
        <div className="strategy-segment-cell">
          <Typography.Text strong className="strategy-segment-name">
            {en ? segment.name.en : segment.name.zh}
          </Typography.Text>
          <div className="strategy-segment-sub">
            <Typography.Text type="secondary" className="strategy-segment-key">
              {segment.key}
            </Typography.Text>
            {isCatchAll(segment.when) && (
              <Tag className="strategy-catch-all-tag">{t('strategy.editor.catchAll')}</Tag>
            )}
          </div>
        </div>
      ),
    },
    {
      title: t('strategy.columns.when'),
      key: 'when',
      render: (_: unknown, { segment }) => {
        const lines = conditionLines(t, segment.when);
        if (lines.length === 0)
          return <Typography.Text type="secondary">{t('strategy.when.catchAll')}</Typography.Text>;
        return (
          <dl className="strategy-conditions">
            {lines.map((line) => (
              <div key={line.key} className="strategy-condition" data-condition={line.key}>
                <dt>{line.label}</dt>
                <dd>
                  {line.values.map((value) => (
                    <Tag key={value} bordered={false} className="strategy-value-tag">
                      {value}
                    </Tag>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        );
      },
    },
    {
      title: t('strategy.columns.plan'),
      key: 'plan',
      width: 300,
      render: (_: unknown, { segment }) => (
        <Space orientation="vertical" size={4} className="strategy-plan">
          <Space size={[4, 4]} wrap>
            {segment.plan.channels.map((channel) => (
              <Tag key={channel} color={CHANNEL_COLORS[channel]} className="strategy-channel-tag">
                {t(`strategy.channel.${channel}`)}
              </Tag>
            ))}
          </Space>
          {planLines(t, segment.plan, smsTemplates).map((line) => (
            <Typography.Text key={line} type="secondary" className="strategy-plan-line">
              {line}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('strategy.columns.escalations'),
      key: 'escalations',
      width: 300,
      render: (_: unknown, { segment }) =>
        segment.plan.escalations.length === 0 ? (
          <Typography.Text type="secondary">{t('strategy.escalation.none')}</Typography.Text>
        ) : (
          <ul className="strategy-escalations">
            {segment.plan.escalations.map((e) => {
              const text = escalationText(t, e);
              return (
                <li key={e.id} data-escalation={e.id}>
                  <Tag color={ACTION_COLORS[e.action]} className="strategy-action-tag">
                    {text.action}
                  </Tag>
                  <span className="strategy-trigger">{text.trigger}</span>
                </li>
              );
            })}
          </ul>
        ),
    },
  ];
  return (
    <Table<Row>
      size="middle"
      className={`strategy-table ${className ?? ''}`}
      rowKey={(row) => row.segment.key}
      columns={columns}
      dataSource={definition.segments.map((segment, index) => ({ index, segment }))}
      pagination={false}
      scroll={{ x: 1080 }}
      onRow={(row) => ({ 'data-key': row.segment.key }) as HTMLAttributes<HTMLElement>}
    />
  );
}
