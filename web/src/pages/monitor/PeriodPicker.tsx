/** Picks a period of a frequency among the latest 36 (days by date), labelled as people read them. */
import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { dashboardFrequencies } from '../../../../src/contracts/monitor-constants.ts';
import { currentLocale } from '../../i18n/index.ts';
import { periodText, recentPeriods } from './periods.ts';
import type { Frequency } from './types.ts';

interface Props {
  frequency: Frequency;
  value: string | undefined;
  onChange: (period: string) => void;
  /** Offer a choice of frequency (the dashboard); a form's frequency is fixed. */
  onFrequencyChange?: (frequency: Frequency) => void;
  'data-testid'?: string;
}

/** The picker. */
export function PeriodPicker({ frequency, value, onChange, onFrequencyChange, ...rest }: Props) {
  const { t } = useTranslation();
  const testId = rest['data-testid'];
  return (
    <Space.Compact>
      {onFrequencyChange && (
        <Select<Frequency>
          style={{ width: 90 }}
          value={frequency}
          onChange={onFrequencyChange}
          options={dashboardFrequencies.map((kind) => ({ value: kind, label: t(`monitorFrequencies.${kind}`) }))}
          data-testid={testId ? `${testId}-frequency` : undefined}
        />
      )}
      {frequency === 'day' ? (
        <Input type="date" style={{ width: 160 }} value={value} onChange={(event) => event.target.value && onChange(event.target.value)} data-testid={testId} />
      ) : (
        <Select<string>
          style={{ width: 150 }}
          value={value}
          onChange={onChange}
          placeholder={t('monitor.period')}
          options={recentPeriods(frequency, 36).map((period) => ({ value: period, label: periodText(period, currentLocale()) }))}
          data-testid={testId}
        />
      )}
    </Space.Compact>
  );
}
