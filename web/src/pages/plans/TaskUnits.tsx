/** A task's responsible units in document order: the lead tagged 牵头, the others 责任; collectives folded. */
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { groupUnits } from './planTree.ts';
import type { TaskUnit } from './planTree.ts';
import { UnitGroupName } from './UnitGroupName.tsx';

interface Props {
  units: readonly TaskUnit[];
}

/** The unit line of a task. */
export function TaskUnits({ units }: Props) {
  const { t } = useTranslation();
  if (units.length === 0) return <Typography.Text type="secondary">{t('plans.noUnits')}</Typography.Text>;
  return (
    <Space size={[12, 4]} wrap>
      {groupUnits(units).map((group) => (
        <span key={`${group.namedAs}:${group.units[0]?.unitId ?? ''}`} data-testid={group.isLead ? 'task-unit-lead' : 'task-unit'}>
          <Tag color={group.isLead ? 'red' : 'blue'} variant="outlined" style={{ marginInlineEnd: 4 }}>
            {group.isLead ? t('plans.lead') : t('plans.responsible')}
          </Tag>
          <UnitGroupName group={group} />
        </span>
      ))}
    </Space>
  );
}
