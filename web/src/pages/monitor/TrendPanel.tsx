/** An indicator's trend at a region over the last 12, 24 or 36 periods (`GET /api/monitor/series`), with its target line. */
import { useMemo, useState } from 'react';
import { Alert, Card, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { MonitorChart } from './MonitorChart.tsx';
import { periodText, periodsEndingWith } from './periods.ts';
import type { DashboardItem, SeriesResult } from './types.ts';

interface Props {
  item: DashboardItem;
  /** The period the item's figure is for (its own frequency). */
  period: string;
  regionCode: string;
  regionName: string;
}

/** The card with the line chart. */
export function TrendPanel({ item, period, regionCode, regionName }: Props) {
  const { t } = useTranslation();
  const [length, setLength] = useState(12);
  const from = periodsEndingWith(period, length)[0] ?? period;
  const { data, error } = useFetch<SeriesResult>(apiUrl('/api/monitor/series', { indicator: item.indicator, region: regionCode, from, to: period }));
  const name = currentLocale() === 'en' ? item.nameEn : item.nameZh;
  const bound = item.target && item.target.comparator !== '>=' ? item.target.value : null;

  const option = useMemo(
    () => ({
      title: { text: `${regionName} · ${name}（${item.unit}）`, textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 72, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: (data?.items ?? []).map((point) => periodText(point.period, currentLocale())) },
      yAxis: { type: 'value', scale: true },
      series: [
        {
          name,
          type: 'line',
          connectNulls: false,
          data: (data?.items ?? []).map((point) => point.value),
          color: '#1677ff',
          ...(bound !== null ? { markLine: { symbol: 'none', lineStyle: { color: '#f5222d', type: 'dashed' }, label: { formatter: `${t('monitor.target')} {c}` }, data: [{ yAxis: bound }] } } : {}),
        },
      ],
    }),
    [data, name, item.unit, regionName, bound, t],
  );

  return (
    <Card
      size="small"
      title={t('monitor.trend')}
      extra={<Segmented<number> size="small" value={length} onChange={setLength} options={[12, 24, 36].map((count) => ({ value: count, label: t('monitor.periods', { count }) }))} data-testid="trend-length" />}
    >
      {error && <Alert type="error" showIcon title={error} />}
      <MonitorChart option={option} fileName={`${name}-${regionName}-${period}`} data-testid="trend-chart" />
    </Card>
  );
}
