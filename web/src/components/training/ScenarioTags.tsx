import { StarFilled } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../lib/labels';
import './training.css';

/** Difficulty as three stars (filled up to the level) with 初级 / 中级 / 高级 beside them. */
export function Difficulty({ level, withText = true }: { level: 1 | 2 | 3; withText?: boolean }) {
  const { t } = useTranslation();
  const text = codeLabel(t, 'training.difficulty', String(level));
  return (
    <Tooltip title={withText ? undefined : text}>
      <span className="difficulty" data-difficulty={level}>
        {[1, 2, 3].map((n) => (
          <StarFilled key={n} className={n <= level ? 'difficulty-star on' : 'difficulty-star'} />
        ))}
        {withText && <span className="difficulty-text">{text}</span>}
      </span>
    </Tooltip>
  );
}

const partyColor = { debtor: 'blue', third_party: 'purple', guarantor: 'cyan' } as const;

/** Drill type, party and persona type of a scenario (persona null: not shown, e.g. during the call). */
export function ScenarioTags({
  drill,
  party,
  persona,
}: {
  drill: string | null;
  party: 'debtor' | 'third_party' | 'guarantor';
  persona: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap className="scenario-tags">
      <Tag color={partyColor[party]} className="scenario-party" data-party={party}>
        {codeLabel(t, 'training.party', party)}
      </Tag>
      {persona !== null && (
        <Tag color="geekblue" className="scenario-persona" data-persona={persona}>
          {codeLabel(t, 'training.persona', persona)}
        </Tag>
      )}
      {drill && (
        <Tag className="scenario-drill" data-drill={drill}>
          {codeLabel(t, 'training.drill', drill)}
        </Tag>
      )}
    </Space>
  );
}
