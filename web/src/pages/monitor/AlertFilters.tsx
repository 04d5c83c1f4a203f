/** Narrows the alert board by level, state and region. */
import { Button, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { alertStatuses, alertStatusLabels, levelLabels } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { currentLocale } from '../../i18n/index.ts';
import { levelsMildFirst } from './figures.ts';
import type { AlertStatus } from './types.ts';

/** The filters as `GET /api/monitor/alerts` takes them. */
export interface AlertQuery {
  level?: number | undefined;
  status?: AlertStatus | 'active' | 'all' | undefined;
  region?: string | undefined;
}

/** The filter bar. */
export function AlertFilters({ value, onChange }: { value: AlertQuery; onChange: (value: AlertQuery) => void }) {
  const { t } = useTranslation();
  const english = currentLocale() === 'en';
  return (
    <Space wrap>
      <Select<number>
        allowClear
        style={{ width: 150 }}
        placeholder={t('alerts.anyLevel')}
        value={value.level}
        onChange={(level) => onChange({ ...value, level })}
        options={levelsMildFirst.map((level) => ({ value: level, label: english ? levelLabels[level].en : levelLabels[level].zh }))}
        data-testid="alert-filter-level"
      />
      <Select<NonNullable<AlertQuery['status']>>
        style={{ width: 140 }}
        value={value.status ?? 'active'}
        onChange={(status) => onChange({ ...value, status })}
        options={[
          { value: 'active', label: t('alerts.active') },
          { value: 'all', label: t('alerts.all') },
          ...alertStatuses.map((status) => ({ value: status, label: english ? alertStatusLabels[status].en : alertStatusLabels[status].zh })),
        ]}
        data-testid="alert-filter-status"
      />
      <div style={{ width: 260 }}>
        <RegionSelect value={value.region} onChange={(region) => onChange({ ...value, region })} data-testid="alert-filter-region" />
      </div>
      <Button onClick={() => onChange({})}>{t('audit.reset')}</Button>
    </Space>
  );
}
