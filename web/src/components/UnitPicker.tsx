/** Picks a unit by typing part of its name or alias (`GET /api/units?q=`). */
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Page, UnitSummary } from '../types.ts';

interface Props {
  value?: string;
  onChange?: (unitId: string) => void;
  'data-testid'?: string;
}

/** A searchable unit select for forms; each option shows the unit's region. */
export function UnitPicker({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const [units, setUnits] = useState<UnitSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  function load(text: string) {
    setLoading(true);
    api
      .get<Page<UnitSummary>>('/api/units', { q: text.trim(), limit: 20 })
      .then((page) => setUnits(page.items))
      .catch(() => setUnits([]))
      .finally(() => setLoading(false));
  }

  useEffect(() => {
    load('');
    return () => window.clearTimeout(timer.current);
  }, []);

  return (
    <Select<string>
      data-testid={rest['data-testid']}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t('users.unitSearch')}
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => load(text), 300);
        },
      }}
      options={units.map((unit) => ({ value: unit.id, label: `${unit.name} · ${unit.regionName}` }))}
    />
  );
}
