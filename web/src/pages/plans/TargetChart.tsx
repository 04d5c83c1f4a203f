/**
 * A target's progress over time as an ECharts line chart: the share the time schedule (时序进度) expects
 * against the share achieved, in percent. Loaded lazily so the charting library stays out of other pages.
 */
import { useEffect, useRef } from 'react';
import { init, use } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { ProgressPoint } from './useProgress.ts';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  points: readonly ProgressPoint[];
}

const percent = (share: number) => Math.round(share * 1000) / 10;

/** The chart, 260 px high, as wide as its container. */
export default function TargetChart({ points }: Props) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${String(value)}%` },
      legend: { top: 0, data: [t('progress.expected'), t('progress.actual')] },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: points.map((point) => point.date) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('progress.expected'), type: 'line', data: points.map((point) => percent(point.expected)), lineStyle: { type: 'dashed' }, color: '#8c8c8c' },
        { name: t('progress.actual'), type: 'line', data: points.map((point) => percent(point.actual)), color: '#1677ff' },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [points, t]);

  return <div ref={element} style={{ width: '100%', height: 260 }} data-testid="target-chart" />;
}
