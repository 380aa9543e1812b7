import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, api } from '../api/client';
import type { CaseDetail } from '../api/types';
import { BucketTag } from '../components/BucketTag';
import { CaseFlagTags } from '../components/CaseFlagTags';
import { CaseRequestsBar } from '../components/CaseRequestsBar';
import { LoadError } from '../components/Results';
import { RevealableText } from '../components/RevealableText';
import { ArrangementsCard } from '../components/workbench/ArrangementsCard';
import { AssessmentCard } from '../components/workbench/AssessmentCard';
import { AssignmentHistory } from '../components/workbench/AssignmentHistory';
import { CaseWorkTabs } from '../components/workbench/CaseWorkTabs';
import { ContactPanel } from '../components/workbench/ContactPanel';
import { formatDate, formatDateTime, formatFen } from '../lib/format';
import { codeLabel } from '../lib/labels';
import { usePermission } from '../session';

type Account = CaseDetail['accounts'][number];
type Contact = CaseDetail['contacts'][number];
type Phone = CaseDetail['debtor']['phones'][number];
type Address = CaseDetail['debtor']['addresses'][number];

const validityColor: Record<string, string> = { valid: 'success', invalid: 'error', unverified: 'default' };

function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const c = detail.case;
  const items: DescriptionsProps['items'] = [
    { key: 'portfolio', label: t('detail.portfolio'), children: c.portfolioCode },
    { key: 'contract', label: t('detail.contractNo'), children: c.contractNo },
    { key: 'product', label: t('detail.product'), children: c.product || '—' },
    { key: 'stage', label: t('detail.stage'), children: codeLabel(t, 'stage', c.stage) },
    {
      key: 'status',
      label: t('detail.status'),
      children: (
        <Tag color={c.status === 'open' ? 'processing' : 'default'}>
          {codeLabel(t, 'caseStatus', c.status)}
        </Tag>
      ),
    },
    { key: 'risk', label: t('detail.risk'), children: codeLabel(t, 'risk', c.riskLevel) },
    {
      key: 'class',
      label: t('detail.delinquencyClass'),
      children: t(`delinquencyClass.${c.delinquencyClass ?? 'none'}`),
    },
    { key: 'priority', label: t('detail.priority'), children: c.priority },
    {
      key: 'collector',
      label: t('detail.collector'),
      children: c.collectorName ?? (
        <Typography.Text type="secondary">{t('detail.unassigned')}</Typography.Text>
      ),
    },
    { key: 'team', label: t('detail.team'), children: c.teamName ?? '—' },
    { key: 'agency', label: t('detail.agency'), children: c.agencyName ?? '—' },
    { key: 'opened', label: t('detail.openedAt'), children: formatDateTime(c.openedAt) },
    { key: 'aged', label: t('detail.agedOn'), children: formatDate(c.agedOn) },
  ];
  return (
    <Card className="case-header">
      <div className="case-header-top">
        <Space size={12} wrap align="center">
          <Typography.Title level={4} className="case-title">
            {c.debtorName}
          </Typography.Title>
          <Typography.Text type="secondary" className="case-no">
            {c.caseNo}
          </Typography.Text>
          <BucketTag bucket={c.bucket} portfolioCode={c.portfolioCode} daysPastDue={c.daysPastDue} />
          <CaseFlagTags flags={c.flags} />
        </Space>
        <Space size={40} className="case-figures">
          <Statistic title={t('detail.dpd')} value={c.daysPastDue} />
          <Statistic title={t('detail.balance')} value={formatFen(c.balanceFen)} />
        </Space>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3, xl: 4 }}
        items={items}
        className="case-facts"
      />
    </Card>
  );
}

function DebtorPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { debtor, canReveal } = detail;
  const caseId = detail.case.id;
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('detail.debtorName'), children: debtor.name },
    {
      key: 'id',
      label: t('detail.idNumber'),
      children: (
        <RevealableText
          caseId={caseId}
          field="idNumber"
          masked={debtor.idNumber.masked}
          allowed={canReveal.idNumber}
        />
      ),
    },
    { key: 'gender', label: t('detail.gender'), children: codeLabel(t, 'gender', debtor.gender) },
    {
      key: 'age',
      label: t('detail.age'),
      children: debtor.age === null ? '—' : t('detail.ageValue', { age: debtor.age }),
    },
    { key: 'employer', label: t('detail.employer'), children: debtor.employer || '—' },
  ];
  const phoneColumns: TableColumnsType<Phone> = [
    {
      title: t('detail.phoneNumber'),
      dataIndex: 'masked',
      render: (masked: string, row) => (
        <RevealableText
          caseId={caseId}
          field="phone"
          itemId={row.id}
          masked={masked}
          allowed={canReveal.phone}
        />
      ),
    },
    {
      title: t('detail.phoneType'),
      dataIndex: 'type',
      width: 100,
      render: (v: string) => codeLabel(t, 'phoneType', v),
    },
    {
      title: t('detail.validity'),
      dataIndex: 'validity',
      width: 90,
      render: (v: string) => <Tag color={validityColor[v] ?? 'default'}>{codeLabel(t, 'validity', v)}</Tag>,
    },
    {
      title: t('detail.source'),
      dataIndex: 'source',
      width: 90,
      render: (v: string) => codeLabel(t, 'dataSource', v),
    },
  ];
  const addressColumns: TableColumnsType<Address> = [
    {
      title: t('detail.addressKind'),
      dataIndex: 'kind',
      width: 100,
      render: (v: string) => codeLabel(t, 'addressKind', v),
    },
    {
      title: t('detail.address'),
      dataIndex: 'masked',
      render: (masked: string, row) => (
        <RevealableText
          caseId={caseId}
          field="address"
          itemId={row.id}
          masked={masked}
          allowed={canReveal.address}
        />
      ),
    },
    {
      title: t('detail.validity'),
      dataIndex: 'validity',
      width: 90,
      render: (v: string) => <Tag color={validityColor[v] ?? 'default'}>{codeLabel(t, 'validity', v)}</Tag>,
    },
  ];
  return (
    <Card title={t('detail.debtor')} className="debtor-panel">
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} />
      <Typography.Title level={5} className="sub-title">
        {t('detail.phones')}
      </Typography.Title>
      <Table<Phone>
        size="small"
        rowKey="id"
        className="phone-table"
        columns={phoneColumns}
        dataSource={debtor.phones}
        pagination={false}
        locale={{ emptyText: t('detail.noPhones') }}
      />
      <Typography.Title level={5} className="sub-title">
        {t('detail.addresses')}
      </Typography.Title>
      <Table<Address>
        size="small"
        rowKey="id"
        className="address-table"
        columns={addressColumns}
        dataSource={debtor.addresses}
        pagination={false}
        locale={{ emptyText: t('detail.noAddresses') }}
      />
    </Card>
  );
}

function AccountsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const money = (fen: number) => <span className="amount">{formatFen(fen)}</span>;
  const columns: TableColumnsType<Account> = [
    {
      title: t('detail.contractNo'),
      dataIndex: 'contractNo',
      fixed: 'left',
      render: (contractNo: string, row) => (
        <span className="nowrap">
          {contractNo}
          {row.current && (
            <Tag color="blue" className="current-tag">
              {t('detail.currentAccount')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('detail.portfolio'), dataIndex: 'portfolioCode', width: 110 },
    { title: t('detail.product'), dataIndex: 'product', width: 110, ellipsis: true },
    { title: t('detail.principal'), dataIndex: 'principalFen', align: 'right', render: money },
    { title: t('detail.interest'), dataIndex: 'interestFen', align: 'right', render: money },
    { title: t('detail.penalty'), dataIndex: 'penaltyFen', align: 'right', render: money },
    { title: t('detail.fees'), dataIndex: 'feesFen', align: 'right', render: money },
    { title: t('detail.paid'), dataIndex: 'paidFen', align: 'right', render: money },
    {
      title: t('detail.accountBalance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (fen: number) => <strong className="amount">{formatFen(fen)}</strong>,
    },
    {
      title: t('detail.firstMissedDueDate'),
      dataIndex: 'firstMissedDueDate',
      width: 120,
      render: formatDate,
    },
    {
      title: t('detail.accountStatus'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => codeLabel(t, 'accountStatus', v),
    },
  ];
  const accounts = [...detail.accounts].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <Card
      title={t('detail.accounts')}
      extra={<Typography.Text type="secondary">{t('detail.accountsHint')}</Typography.Text>}
    >
      <Table<Account>
        size="small"
        rowKey="id"
        className="account-table"
        columns={columns}
        dataSource={accounts}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(row) => (row.current ? 'row-current' : '')}
      />
    </Card>
  );
}

function ContactsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Contact> = [
    { title: t('detail.contactName'), dataIndex: 'name', width: 140 },
    { title: t('detail.relation'), dataIndex: 'relation', width: 120, render: (v: string) => v || '—' },
    {
      title: t('detail.debtRelated'),
      dataIndex: 'debtRelated',
      width: 140,
      render: (related: boolean) =>
        related ? (
          <Tag color="volcano">{t('detail.debtRelatedYes')}</Tag>
        ) : (
          <Tag>{t('detail.debtRelatedNo')}</Tag>
        ),
    },
    {
      title: t('detail.consent'),
      dataIndex: 'consent',
      width: 110,
      render: (consent: boolean) => (consent ? t('common.yes') : t('common.no')),
    },
    {
      title: t('detail.contactPhone'),
      dataIndex: 'phone',
      render: (phone: string | null, row) =>
        phone ? (
          <RevealableText
            caseId={detail.case.id}
            field="contactPhone"
            itemId={row.id}
            masked={phone}
            allowed={detail.canReveal.phone}
          />
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card title={t('detail.contacts')} className="contacts-panel">
      <Typography.Paragraph type="secondary" className="panel-hint">
        {t('detail.contactsHint')}
      </Typography.Paragraph>
      <Table<Contact>
        size="small"
        rowKey="id"
        className="contact-table"
        columns={columns}
        dataSource={detail.contacts}
        pagination={false}
        locale={{ emptyText: t('detail.noContacts') }}
      />
    </Card>
  );
}

function BucketHistoryPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const history = [...detail.bucketHistory].sort((a, b) => a.movedOn.localeCompare(b.movedOn));
  const items = history.map((entry, index) => {
    let move: string;
    if (entry.fromBucket && entry.toBucket) move = `${entry.fromBucket} → ${entry.toBucket}`;
    else if (entry.toBucket) move = t('detail.enteredBucket', { bucket: entry.toBucket });
    else move = t('detail.leftBucket', { bucket: entry.fromBucket ?? '—' });
    return {
      key: `${entry.movedOn}-${index}`,
      color: entry.reason === 'payment' || entry.reason === 'closed' ? 'green' : 'blue',
      content: (
        <div className="history-entry">
          <div className="history-date">{formatDate(entry.movedOn)}</div>
          <Space size={8} wrap>
            <strong>{move}</strong>
            <Tag>{codeLabel(t, 'bucketReason', entry.reason)}</Tag>
            <Typography.Text type="secondary">
              {t('detail.historyDpd', { days: entry.daysPastDue })}
            </Typography.Text>
          </Space>
        </div>
      ),
    };
  });
  return (
    <Card title={t('detail.bucketHistory')} className="history-panel">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noHistory')} />
      ) : (
        <Timeline items={items} />
      )}
    </Card>
  );
}

export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const canContact = usePermission('contacts.create');
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';
  const detail = useQuery({
    queryKey: ['case', id],
    queryFn: () => api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`),
    // Personal data stays in memory only while the page is open.
    gcTime: 0,
  });

  const back = (
    <Link to={`/cases${listSearch}`}>
      <Button icon={<ArrowLeftOutlined />}>{t('common.backToList')}</Button>
    </Link>
  );

  if (detail.isPending) {
    return (
      <div className="page">
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (detail.isError) {
    const notFound =
      detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400);
    return (
      <div className="page">
        <LoadError
          error={detail.error}
          title={notFound ? t('errors.caseNotFoundTitle') : undefined}
          onRetry={notFound ? undefined : () => detail.refetch()}
        />
        <div className="center">{back}</div>
      </div>
    );
  }

  const data = detail.data;
  return (
    <div className="page">
      <div className="page-toolbar">{back}</div>
      <CaseRequestsBar detail={data} />
      <CaseHeader detail={data} />
      <Row gutter={[16, 16]}>
        {canContact && (
          <Col xs={24} xl={9}>
            <ContactPanel caseId={data.case.id} />
          </Col>
        )}
        <Col xs={24} xl={canContact ? 15 : 24}>
          <CaseWorkTabs caseId={data.case.id} />
        </Col>
      </Row>
      <AssessmentCard caseId={data.case.id} />
      <ArrangementsCard caseId={data.case.id} balanceFen={data.case.balanceFen} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <DebtorPanel detail={data} />
        </Col>
        <Col xs={24} xl={9}>
          <BucketHistoryPanel detail={data} />
          <AssignmentHistory caseId={data.case.id} />
        </Col>
      </Row>
      <ContactsPanel detail={data} />
      <AccountsPanel detail={data} />
    </div>
  );
}
