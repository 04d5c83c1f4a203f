/** A task's responsible units in document order: the lead tagged 牵头, the others 责任; collectives folded. */
import { Popover, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { groupUnits } from './planTree.ts';
import type { TaskUnit, UnitGroup } from './planTree.ts';

interface Props {
  units: readonly TaskUnit[];
}

function UnitName({ group }: { group: UnitGroup }) {
  const { t } = useTranslation();
  const [first] = group.units;
  if (group.units.length > 1) {
    // A collective (各县市) stands for every government below: name it once and list them on demand.
    return (
      <Popover
        title={group.namedAs}
        content={
          <Space orientation="vertical" size={0} style={{ maxHeight: 320, overflow: 'auto' }}>
            {group.units.map((unit) => (
              <span key={unit.unitId}>{unit.name}</span>
            ))}
          </Space>
        }
      >
        <Typography.Link>{t('plans.collective', { name: group.namedAs, count: group.units.length })}</Typography.Link>
      </Popover>
    );
  }
  // Show the name as the document wrote it; the registered name is a hover away.
  const registered = first && first.name !== group.namedAs ? first.name : undefined;
  return (
    <Tooltip title={registered}>
      <span data-unit-id={first?.unitId}>{group.namedAs}</span>
    </Tooltip>
  );
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
          <UnitName group={group} />
        </span>
      ))}
    </Space>
  );
}
