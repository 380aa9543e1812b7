import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseFlags } from '../api/types';

const flagColors: Record<keyof CaseFlags, string> = {
  complaintFreeze: 'orange',
  legalHold: 'purple',
  cease: 'red',
  deceased: 'default',
  bankruptcy: 'magenta',
};

const flagOrder = Object.keys(flagColors) as Array<keyof CaseFlags>;

/** The holds and special situations of a case (投诉冻结, 法律冻结, 停催, 已故, 破产). */
export function CaseFlagTags({ flags }: { flags: CaseFlags }) {
  const { t } = useTranslation();
  const set = flagOrder.filter((flag) => flags[flag]);
  if (set.length === 0) return null;
  return (
    <span className="flag-tags">
      {set.map((flag) => (
        <Tag key={flag} color={flagColors[flag]}>
          {t(`flags.${flag}`)}
        </Tag>
      ))}
    </span>
  );
}
