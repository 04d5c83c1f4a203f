/** A target's staged milestones, each as `2020-06-30 前 50%` or `2020-06-30 前 0.9 万人`. */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetView } from '../../types.ts';

/** The milestones one per line, or a dash when there are none. */
export function TargetMilestones({ target }: { target: TargetView }) {
  const { t } = useTranslation();
  if (target.milestones.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid="target-milestones">
      {target.milestones.map((milestone) => {
        const amount =
          milestone.share !== null ? `${Math.round(milestone.share * 1000) / 10}%` : milestone.value !== null ? `${milestone.value}${target.unit}` : (milestone.text ?? '');
        return <span key={milestone.by}>{t('plans.milestoneBy', { date: milestone.by, amount })}</span>;
      })}
    </Space>
  );
}
