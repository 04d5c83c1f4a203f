/**
 * An ECharts chart for the monitor screens, with a button that saves it as PNG (`getDataURL`). Only the
 * chart kinds and components the screens use are registered, so the bundle stays small.
 */
import { useEffect, useRef } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { init, use, type EChartsType } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  /** The ECharts option (animation is turned off so a PNG is never caught mid-way). */
  option: Record<string, unknown>;
  /** The PNG's file name, without `.png`. */
  fileName: string;
  height?: number;
  /** Called with the category (x-axis) name of a clicked bar or point. */
  onPick?: (name: string, dataIndex: number) => void;
  'data-testid'?: string;
}

/** The chart with its PNG button above the top right corner. */
export function MonitorChart({ option, fileName, height = 280, onPick, ...rest }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current);
    chart.current = instance;
    instance.on('click', (event) => pick.current?.(String(event.name), event.dataIndex));
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);

  function savePng() {
    if (!chart.current) return;
    const link = document.createElement('a');
    link.href = chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    link.download = `${fileName}.png`;
    link.click();
  }

  const testId = rest['data-testid'];
  return (
    <div style={{ position: 'relative' }}>
      <Button size="small" icon={<DownloadOutlined />} onClick={savePng} style={{ position: 'absolute', right: 0, top: 0, zIndex: 1 }} data-testid={testId ? `${testId}-png` : undefined}>
        PNG
      </Button>
      <div ref={element} style={{ width: '100%', height }} data-testid={testId} />
    </div>
  );
}
