/** Narrows the ledger by category, 挂牌督办, overdue and region (and by state in the list view). */
import { Button, Checkbox, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { categoryLabel, problemCategories, problemStatuses } from './problemLabels.ts';
import type { ProblemCategory, ProblemStatus } from '../../types.ts';

/** The filters as `GET /api/problems` takes them. */
export interface ProblemQuery {
  status?: ProblemStatus | undefined;
  category?: ProblemCategory | undefined;
  flagged?: 'true' | undefined;
  overdue?: 'true' | undefined;
  region?: string | undefined;
}

interface Props {
  value: ProblemQuery;
  onChange: (value: ProblemQuery) => void;
  /** The board has a column per state, so only the list filters by state. */
  withStatus: boolean;
}

/** The filter bar. */
export function ProblemFilters({ value, onChange, withStatus }: Props) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {withStatus && (
        <Select<ProblemStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('problems.anyStatus')}
          value={value.status}
          onChange={(status) => onChange({ ...value, status })}
          options={problemStatuses.map((status) => ({ value: status, label: t(`problemStatuses.${status}`) }))}
          data-testid="problem-filter-status"
        />
      )}
      <Select<ProblemCategory>
        allowClear
        style={{ width: 160 }}
        placeholder={t('problems.anyCategory')}
        value={value.category}
        onChange={(category) => onChange({ ...value, category })}
        options={problemCategories.map((category) => ({ value: category, label: categoryLabel(category) }))}
        data-testid="problem-filter-category"
      />
      <div style={{ width: 240 }}>
        <RegionSelect value={value.region} onChange={(region) => onChange({ ...value, region })} data-testid="problem-filter-region" />
      </div>
      <Checkbox checked={value.flagged === 'true'} onChange={(event) => onChange({ ...value, flagged: event.target.checked ? 'true' : undefined })} data-testid="problem-filter-flagged">
        {t('problems.flagged')}
      </Checkbox>
      <Checkbox checked={value.overdue === 'true'} onChange={(event) => onChange({ ...value, overdue: event.target.checked ? 'true' : undefined })} data-testid="problem-filter-overdue">
        {t('problems.overdue')}
      </Checkbox>
      <Button onClick={() => onChange({})}>{t('audit.reset')}</Button>
    </Space>
  );
}
