/** Narrows the plan tree by responsible unit, by section and, once progress is known, by colour. */
import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { sectionChoices, unitsOfPlan } from './planTree.ts';
import { colours } from './colours.ts';
import type { Colour } from './colours.ts';
import type { SectionView } from '../../types.ts';

/** The filter values as chosen. */
export interface TaskFilterValues {
  unitId?: string | undefined;
  sectionId?: string | undefined;
  colour?: Colour | undefined;
}

interface Props {
  sections: readonly SectionView[];
  value: TaskFilterValues;
  onChange: (value: TaskFilterValues) => void;
  /** False until the plan's colours have been loaded. */
  coloursKnown: boolean;
}

/** The filter bar above the tree. */
export function TaskFilters({ sections, value, onChange, coloursKnown }: Props) {
  const { t } = useTranslation();
  const units = unitsOfPlan(sections);
  return (
    <Space wrap>
      <Select<string>
        data-testid="filter-unit"
        allowClear
        style={{ width: 300 }}
        placeholder={t('plans.filterUnit')}
        value={value.unitId}
        onChange={(unitId) => onChange({ ...value, unitId })}
        showSearch={{ optionFilterProp: 'label' }}
        options={units.map((unit) => ({
          value: unit.unitId,
          label: unit.namedAs.includes(unit.name) ? unit.name : `${unit.namedAs.join(' / ')}（${unit.name}）`,
        }))}
      />
      <Select<string>
        data-testid="filter-section"
        allowClear
        style={{ width: 280 }}
        placeholder={t('plans.filterSection')}
        value={value.sectionId}
        onChange={(sectionId) => onChange({ ...value, sectionId })}
        options={sectionChoices(sections).map((choice) => ({
          value: choice.id,
          label: `${'\u3000'.repeat(choice.depth)}${choice.label}`,
        }))}
      />
      <Select<Colour>
        data-testid="filter-colour"
        allowClear
        disabled={!coloursKnown}
        style={{ width: 200 }}
        placeholder={coloursKnown ? t('plans.filterColour') : t('plans.coloursPending')}
        value={value.colour}
        onChange={(colour) => onChange({ ...value, colour })}
        options={colours.map((colour) => ({ value: colour, label: t(`planColours.${colour}`) }))}
      />
    </Space>
  );
}
