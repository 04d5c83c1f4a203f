/** Picks a region by typing part of its name (`GET /api/regions?q=`); shows level and code to tell namesakes apart. */
import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Region } from '../types.ts';

interface Props {
  value?: string;
  onChange?: (code: string) => void;
  /** The region the value starts as, so its name shows before any search. */
  initial?: Region | null;
  'data-testid'?: string;
}

/** A searchable region select for forms. */
export function RegionSelect({ value, onChange, initial, ...rest }: Props) {
  const { t } = useTranslation();
  const [regions, setRegions] = useState<Region[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function search(text: string) {
    window.clearTimeout(timer.current);
    if (!text.trim()) return;
    timer.current = window.setTimeout(() => {
      setLoading(true);
      api
        .get<{ items: Region[] }>('/api/regions', { q: text.trim() })
        .then((page) => setRegions(page.items))
        .catch(() => setRegions([]))
        .finally(() => setLoading(false));
    }, 300);
  }

  return (
    <Select<string>
      data-testid={rest['data-testid']}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t('org.regionSearch')}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={loading ? undefined : t('org.regionNoMatch')}
      options={regions.map((region) => ({
        value: region.code,
        label: `${region.name}（${t(`regionLevels.${region.level}`)}）· ${region.code}`,
      }))}
    />
  );
}
