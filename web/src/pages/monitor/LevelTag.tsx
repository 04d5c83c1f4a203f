/** An alert level as a coloured tag: IV blue, III yellow, II orange, I red (分级预警). */
import { Tag } from 'antd';
import { levelLabels } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { currentLocale } from '../../i18n/index.ts';
import { levelColours } from './figures.ts';
import type { AlertLevel } from './types.ts';

/** The tag; yellow gets dark text so it stays readable. */
export function LevelTag({ level }: { level: number }) {
  const label = levelLabels[level as AlertLevel];
  if (!label) return <Tag>{level}</Tag>;
  return (
    <Tag color={levelColours[level as AlertLevel]} style={level === 3 ? { color: '#000' } : undefined} data-testid="alert-level" data-level={level}>
      {currentLocale() === 'en' ? label.en : label.zh}
    </Tag>
  );
}
