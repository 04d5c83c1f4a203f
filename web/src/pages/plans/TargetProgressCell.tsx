/** A target's progress against its time schedule (时序进度), with its colour and latest figure. */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ColourTag } from './ColourTag.tsx';
import type { TargetProgressView } from '../../types.ts';

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Progress against the time schedule, with the target's colour. */
export function TargetProgressCell({ target }: { target: TargetProgressView }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <ColourTag colour={target.colour} reason={target.reason} />
      <Typography.Text>
        {target.comparator === '<='
          ? t(target.progress >= 1 ? 'progress.limitHeld' : 'progress.limitBroken')
          : t('progress.cell', { actual: percent(target.progress), expected: percent(target.expectedShare) })}
      </Typography.Text>
      {target.figure !== null && (
        <Typography.Text type="secondary">{t('progress.figure', { figure: target.figure, unit: target.unit, date: target.figureAsOf })}</Typography.Text>
      )}
    </Space>
  );
}
