import { CheckCircleFilled, MinusCircleOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Certification, pick } from '../../api/training';
import { formatDate } from '../../lib/format';
import './training.css';

/** 已认证 / 未认证 with the date, and each requirement met (✓) or not yet. */
export function CertificationStatus({ certification }: { certification: Certification }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="certification" data-certified={String(certification.certified)}>
      <div className="certification-status">
        <span className={`certification-badge ${certification.certified ? 'on' : 'off'}`}>
          <SafetyCertificateFilled />
          {certification.certified ? t('training.certified') : t('training.notCertified')}
        </span>
        {certification.certified && certification.certifiedAt && (
          <Typography.Text type="secondary">
            {t('training.progress.certifiedAt', { at: formatDate(certification.certifiedAt) })}
          </Typography.Text>
        )}
      </div>
      <ul className="requirement-list">
        {certification.requirements.map((requirement) => (
          <li
            key={requirement.key}
            className={`requirement-item requirement-${requirement.met ? 'met' : 'unmet'}`}
            data-requirement={requirement.key}
            data-met={String(requirement.met)}
          >
            {requirement.met ? (
              <CheckCircleFilled aria-label={t('training.progress.met')} />
            ) : (
              <MinusCircleOutlined aria-label={t('training.progress.unmet')} />
            )}
            <span className="requirement-text">{pick(requirement.text, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
