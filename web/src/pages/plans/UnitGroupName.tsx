/**
 * The name of a group of a task's units as the document wrote it: one unit with its registered name on
 * hover, or a collective (各县市) named once with its units listed on demand.
 */
import { Popover, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitGroup } from './planTree.ts';

/** The name. */
export function UnitGroupName({ group }: { group: UnitGroup }) {
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
