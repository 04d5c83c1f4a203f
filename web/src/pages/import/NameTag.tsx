/** A unit name of an import preview as a tag that says how it resolves. */
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitResolution } from '../../types.ts';

/** One unit name as a tag: green for a known unit, purple for a collective, red until an unknown name is mapped. */
export function NameTag({ name, resolution, lead }: { name: string; resolution: UnitResolution; lead: boolean }) {
  const { t } = useTranslation();
  if (resolution === 'unknown') {
    return (
      <Tooltip title={t('planImport.unknownName')}>
        <Tag color="red" variant="solid" data-testid="import-unknown-name">
          {lead && `${t('plans.lead')} · `}
          {name}
        </Tag>
      </Tooltip>
    );
  }
  if (resolution === 'collective') {
    return (
      <Tooltip title={t('planImport.collectiveName')}>
        <Tag color="purple">{name}</Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={resolution.name === name ? undefined : resolution.name}>
      <Tag color={lead ? 'red' : 'green'} variant="outlined">
        {lead && `${t('plans.lead')} · `}
        {name}
      </Tag>
    </Tooltip>
  );
}
