/** One unknown unit name and what it means: an existing unit (the name becomes its alias), a new unit, or a collective. */
import { Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { unitKinds } from '../../types.ts';
import type { UnitKind, UnitMapping } from '../../types.ts';

interface Props {
  name: string;
  value: UnitMapping | undefined;
  /** The plan's region, where a new unit is created unless changed. */
  regionCode: string;
  onChange: (value: UnitMapping | undefined) => void;
}

type Mode = 'existing' | 'create' | 'collective';

function modeOf(value: UnitMapping | undefined): Mode | undefined {
  if (!value) return undefined;
  if ('unitId' in value) return 'existing';
  return 'create' in value ? 'create' : 'collective';
}

/** The row. */
export function NameMappingRow({ name, value, regionCode, onChange }: Props) {
  const { t } = useTranslation();
  const mode = modeOf(value);
  const created = value && 'create' in value ? value.create : null;

  function choose(next: Mode) {
    if (next === 'existing') onChange({ unitId: '' });
    else if (next === 'create') onChange({ create: { fullName: name, kind: 'department', regionCode } });
    else onChange({ collective: 'governments-below' });
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-mapping-row" data-name={name}>
      <Typography.Text strong>{name}</Typography.Text>
      <Radio.Group value={mode} onChange={(event) => choose(event.target.value as Mode)}>
        <Radio value="existing" data-testid="import-map-existing">
          {t('planImport.mapExisting')}
        </Radio>
        <Radio value="create" data-testid="import-map-create">
          {t('planImport.mapCreate')}
        </Radio>
        <Radio value="collective">{t('planImport.mapCollective')}</Radio>
      </Radio.Group>
      {mode === 'existing' && (
        <div style={{ maxWidth: 420 }}>
          <UnitPicker value={value && 'unitId' in value && value.unitId ? value.unitId : undefined} onChange={(unitId) => onChange({ unitId })} data-testid="import-map-unit" />
        </div>
      )}
      {created && (
        <Space wrap>
          <Input style={{ width: 260 }} value={created.fullName} maxLength={100} placeholder={t('org.unitName')} onChange={(event) => onChange({ create: { ...created, fullName: event.target.value } })} />
          <Select<UnitKind>
            style={{ width: 140 }}
            value={created.kind}
            onChange={(kind) => onChange({ create: { ...created, kind } })}
            options={unitKinds.map((kind) => ({ value: kind, label: t(`unitKinds.${kind}`) }))}
          />
          <div style={{ width: 260 }}>
            <RegionSelect value={created.regionCode} onChange={(code) => onChange({ create: { ...created, regionCode: code } })} />
          </div>
        </Space>
      )}
    </Space>
  );
}
