/** A unit's other names (别名), kept explicit so 州发改委 and 州发展改革委 are never merged silently. */
import { useState } from 'react';
import { Alert, Button, Empty, Input, Popconfirm, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSubmit } from '../../forms.ts';
import type { UnitDetail } from '../../types.ts';

/** Lists aliases; adds (`POST .../aliases`) and removes (`DELETE .../aliases/:aliasId`) them when allowed. */
export function UnitAliases({ unit, onSaved }: { unit: UnitDetail; onSaved: (unit: UnitDetail) => void }) {
  const { t } = useTranslation();
  const [alias, setAlias] = useState('');
  const { busy, error, run: write } = useSubmit();
  const allowed = unit.abilities.manageAliases;

  /** Sends a change of aliases and shows the unit the server returns. */
  function run(change: () => Promise<UnitDetail>): Promise<boolean> {
    return write(async () => onSaved(await change()));
  }

  async function add() {
    const text = alias.trim();
    if (!text) return;
    if (await run(() => api.post<UnitDetail>(`/api/units/${unit.id}/aliases`, { alias: text }))) setAlias('');
  }

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <div style={{ marginBottom: 12 }} data-testid="unit-aliases">
        {unit.aliasList.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noAliases')} />}
        {unit.aliasList.map((entry) => (
          <Popconfirm
            key={entry.id}
            title={t('org.removeAliasConfirm', { alias: entry.alias })}
            disabled={!allowed}
            onConfirm={() => run(() => api.delete<UnitDetail>(`/api/units/${unit.id}/aliases/${entry.id}`))}
          >
            <Tag closable={allowed} onClose={(event) => event.preventDefault()} style={{ marginBottom: 4 }}>
              {entry.alias}
            </Tag>
          </Popconfirm>
        ))}
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={alias}
          maxLength={100}
          disabled={!allowed}
          placeholder={t('org.newAlias')}
          onChange={(event) => setAlias(event.target.value)}
          onPressEnter={() => void add()}
          data-testid="alias-input"
        />
        <Button type="primary" disabled={!allowed || !alias.trim()} loading={busy} onClick={() => void add()} data-testid="alias-add">
          {t('common.add')}
        </Button>
      </Space.Compact>
    </>
  );
}
