import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { pick, type Scenario } from '../../api/training';
import { formatDate, formatFen } from '../../lib/format';

/** The account the call is about, as the collector's screen shows it (briefing and chat side panel). */
export function AccountFacts({ scenario, column = 1 }: { scenario: Scenario; column?: number }) {
  const { t, i18n } = useTranslation();
  const { account } = scenario;
  const last = account.lastPayment;
  return (
    <Descriptions
      size="small"
      column={column}
      className="account-facts"
      items={[
        { key: 'creditor', label: t('training.briefing.creditor'), children: account.creditor },
        {
          key: 'product',
          label: t('training.briefing.product'),
          children: pick(account.product, i18n.language),
        },
        {
          key: 'debtor',
          label: t('training.briefing.debtor'),
          children: <span className="briefing-debtor">{account.debtorName}</span>,
        },
        ...(scenario.relation
          ? [
              {
                key: 'relation',
                label: t('training.briefing.answeredBy'),
                children: pick(scenario.relation, i18n.language),
              },
            ]
          : []),
        {
          key: 'balance',
          label: t('training.briefing.balance'),
          children: <span className="amount">{formatFen(account.balanceFen)}</span>,
        },
        {
          key: 'overdue',
          label: t('training.briefing.overdue'),
          children: <span className="amount briefing-overdue">{formatFen(account.overdueFen)}</span>,
        },
        {
          key: 'dpd',
          label: t('training.briefing.daysPastDue'),
          children: t('training.briefing.daysValue', { n: account.daysPastDue }),
        },
        {
          key: 'last',
          label: t('training.briefing.lastPayment'),
          children: last
            ? t('training.briefing.lastPaymentValue', {
                date: formatDate(last.date),
                amount: formatFen(last.amountFen),
              })
            : t('training.briefing.noPayment'),
        },
        {
          key: 'broken',
          label: t('training.briefing.brokenPromises'),
          children: t('training.briefing.brokenValue', { n: account.brokenPromises }),
        },
      ]}
    />
  );
}
