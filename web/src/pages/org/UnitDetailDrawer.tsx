/** One unit (`GET /api/units/:id`): its facts, name and kind, aliases and contacts, editable as its abilities allow. */
import { useEffect, useState } from 'react';
import { Alert, Descriptions, Divider, Drawer, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { UnitAliases } from './UnitAliases.tsx';
import { UnitBasicsForm } from './UnitBasicsForm.tsx';
import { UnitContacts } from './UnitContacts.tsx';
import type { UnitDetail } from '../../types.ts';

interface Props {
  unitId: string | null;
  onClose: () => void;
  /** Called after any change, so the list can reload. */
  onChanged: () => void;
}

/** The drawer; open while `unitId` is set. */
export function UnitDetailDrawer({ unitId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<UnitDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setUnit(null);
    setError(null);
    if (!unitId) return;
    let live = true;
    api
      .get<UnitDetail>(`/api/units/${unitId}`)
      .then((detail) => live && setUnit(detail))
      .catch((failure: unknown) => live && setError(errorMessage(failure)));
    return () => {
      live = false;
    };
  }, [unitId]);

  function saved(detail: UnitDetail) {
    setUnit(detail);
    onChanged();
  }

  return (
    <Drawer
      open={unitId !== null}
      onClose={onClose}
      size={Math.min(640, window.innerWidth)}
      title={unit?.name ?? t('org.unitDetail')}
      data-testid="unit-detail"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!unit && !error && <Spin style={{ display: 'block', margin: 24 }} />}
      {unit && (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'kind', label: t('org.kind'), children: t(`unitKinds.${unit.kind}`) },
              { key: 'region', label: t('org.region'), children: `${unit.regionName} · ${unit.regionCode}` },
              { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(unit.createdAt) },
              { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(unit.updatedAt) },
            ]}
          />
          {!unit.abilities.update && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('org.readOnly')}
            </Typography.Paragraph>
          )}
          <Divider titlePlacement="start">{t('org.basics')}</Divider>
          <UnitBasicsForm unit={unit} onSaved={saved} />
          <Divider titlePlacement="start">{t('org.aliases')}</Divider>
          <UnitAliases unit={unit} onSaved={saved} />
          <Divider titlePlacement="start">{t('org.contacts')}</Divider>
          <UnitContacts unit={unit} onSaved={saved} />
        </>
      )}
    </Drawer>
  );
}
