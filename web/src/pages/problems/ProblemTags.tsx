/** Tags for a problem's state, severity, category, 挂牌督办 and overdue marks. */
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { categoryLabel, severityColour, statusColour } from './problemLabels.ts';
import type { ProblemListItem } from '../../types.ts';

/** The row of tags shown on cards, rows and the detail. */
export function ProblemTags({ problem, withStatus = true }: { problem: ProblemListItem; withStatus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {withStatus && (
        <Tag color={statusColour[problem.status]} data-testid="problem-status" data-status={problem.status}>
          {t(`problemStatuses.${problem.status}`)}
        </Tag>
      )}
      <Tag color={severityColour[problem.severity]}>{t(`problemSeverities.${problem.severity}`)}</Tag>
      <Tag>{categoryLabel(problem.category)}</Tag>
      {problem.flagged && (
        <Tooltip title={problem.flagSource === 'rule' ? t('problems.flaggedByRule') : undefined}>
          <Tag color="volcano" data-testid="problem-flagged">
            {t('problems.flagged')}
          </Tag>
        </Tooltip>
      )}
      {problem.overdue && <Tag color="red">{t('problems.overdue')}</Tag>}
    </Space>
  );
}
