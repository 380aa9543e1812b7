import { AuditOutlined, CloudUploadOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { usePortfolios } from '../api/hooks';
import type { Portfolio } from '../api/types';
import { BucketTag } from '../components/BucketTag';
import { CreatePortfolioModal } from '../components/CreatePortfolioModal';
import { LoadError } from '../components/Results';
import { formatCount, formatFen } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { hasPermission, useCurrentUser } from '../session';

function periodKey(hour: number): string {
  if (hour < 11) return 'home.morning';
  if (hour < 13) return 'home.noon';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

type BucketRow = Portfolio['byBucket'][number];

/** One portfolio: open cases and balance, and the split by bucket. `wide` when it has the row to itself. */
function PortfolioCard({ portfolio, wide }: { portfolio: Portfolio; wide: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const totalBalance = portfolio.byBucket.reduce((sum, row) => sum + row.balanceFen, 0);
  const columns: TableColumnsType<BucketRow> = [
    {
      title: t('home.bucket'),
      dataIndex: 'bucket',
      width: 80,
      render: (bucket: string) => <BucketTag bucket={bucket} portfolioCode={portfolio.code} />,
    },
    {
      title: t('home.cases'),
      dataIndex: 'cases',
      align: 'right',
      width: 90,
      render: (value: number) => formatCount(value),
    },
    {
      title: t('home.balance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (value: number) => <span className="amount">{formatFen(value)}</span>,
    },
    {
      title: t('home.share'),
      key: 'share',
      width: 150,
      render: (_: unknown, row) => (
        <Progress
          percent={totalBalance > 0 ? Math.round((row.balanceFen / totalBalance) * 1000) / 10 : 0}
          size="small"
          status="normal"
          strokeColor="#1d4ed8"
          format={(percent) => `${percent ?? 0}%`}
        />
      ),
    },
  ];
  return (
    <Card
      className="portfolio-card"
      title={
        <Space size={8} wrap>
          <span>{portfolio.name}</span>
          <Tag>{portfolio.code}</Tag>
        </Space>
      }
      extra={<Link to={`/cases?portfolio=${encodeURIComponent(portfolio.code)}`}>{t('home.viewCases')}</Link>}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={wide ? 8 : 24}>
          <Row gutter={16} className="portfolio-stats">
            <Col span={10}>
              <Statistic title={t('home.openCases')} value={formatCount(portfolio.openCases)} />
            </Col>
            <Col span={14}>
              <Statistic title={t('home.openBalance')} value={formatFen(totalBalance)} />
            </Col>
          </Row>
          <Descriptions
            size="small"
            column={wide ? 1 : 2}
            className="portfolio-meta"
            items={[
              { key: 'creditor', label: t('home.creditor'), children: portfolio.creditor || '—' },
              {
                key: 'productLine',
                label: t('home.productLine'),
                children: codeLabel(t, 'productLine', portfolio.productLine),
              },
              {
                key: 'profile',
                label: t('home.profile'),
                children: codeLabel(t, 'complianceProfile', portfolio.complianceProfile),
              },
              { key: 'timeZone', label: t('home.timeZone'), children: portfolio.timeZone },
            ]}
          />
        </Col>
        <Col xs={24} lg={wide ? 16 : 24}>
          <Table<BucketRow>
            size="small"
            rowKey="bucket"
            className="bucket-table"
            columns={columns}
            dataSource={portfolio.byBucket}
            pagination={false}
            onRow={(row) => ({
              onClick: () =>
                navigate(
                  `/cases?portfolio=${encodeURIComponent(portfolio.code)}&bucket=${encodeURIComponent(row.bucket)}&status=open`,
                ),
              className: 'clickable-row',
            })}
          />
        </Col>
      </Row>
    </Card>
  );
}

function PortfolioOverview() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const portfolios = usePortfolios();
  const [creating, setCreating] = useState(false);
  const canManage = hasPermission(me, 'portfolios.manage');
  const canImport = hasPermission(me, 'imports.create');

  let body: ReactNode;
  if (portfolios.isPending) body = <Skeleton active />;
  else if (portfolios.isError)
    body = <LoadError error={portfolios.error} onRetry={() => portfolios.refetch()} />;
  else if (portfolios.data.length === 0)
    body = (
      <Card>
        <Empty
          description={`${t('home.noPortfolios')}${canManage ? `，${t('home.noPortfoliosHint')}` : ''}`}
        />
      </Card>
    );
  else
    body = (
      <Row gutter={[16, 16]}>
        {portfolios.data.map((portfolio) => (
          <Col key={portfolio.id} xs={24} xxl={portfolios.data.length === 1 ? 24 : 12}>
            <PortfolioCard portfolio={portfolio} wide={portfolios.data.length === 1} />
          </Col>
        ))}
      </Row>
    );

  return (
    <section>
      <div className="section-head">
        <Typography.Title level={5} className="section-title">
          {t('home.overview')}
        </Typography.Title>
        <Space>
          {canImport && (
            <Link to="/imports">
              <Button icon={<CloudUploadOutlined />}>{t('home.goImport')}</Button>
            </Link>
          )}
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('home.createPortfolio')}
            </Button>
          )}
        </Space>
      </div>
      {body}
      {canManage && <CreatePortfolioModal open={creating} onClose={() => setCreating(false)} />}
    </section>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const roleName = i18n.language === 'en' ? me.roleNameEn : me.roleName;
  const canReadCases = hasPermission(me, 'cases.read');
  const canImport = hasPermission(me, 'imports.create');
  const canReadQa = hasPermission(me, 'qa.read');
  const canReadTemplates = hasPermission(me, 'templates.read');
  const unit = me.agencyName ?? me.teamName;

  return (
    <div className="page">
      <Card className="welcome-card">
        <Typography.Title level={4} className="welcome-title">
          {t('home.greeting', { period: t(periodKey(new Date().getHours())), name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('home.roleLine', { role: roleName })}
          {unit ? ` · ${unit}` : ''}
        </Typography.Text>
      </Card>
      {canReadCases ? (
        <PortfolioOverview />
      ) : (
        <Card title={t('home.shortcuts')}>
          {canImport || canReadQa || canReadTemplates ? (
            <Space wrap>
              {canImport && (
                <Link to="/imports">
                  <Button icon={<CloudUploadOutlined />}>{t('nav.imports')}</Button>
                </Link>
              )}
              {canReadQa && (
                <Link to="/qa">
                  <Button icon={<AuditOutlined />}>{t('nav.qa')}</Button>
                </Link>
              )}
              {canReadTemplates && (
                <Link to="/templates">
                  <Button icon={<FileTextOutlined />}>{t('nav.templates')}</Button>
                </Link>
              )}
            </Space>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noModules')} />
          )}
        </Card>
      )}
    </div>
  );
}
