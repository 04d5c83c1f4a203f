/**
 * The child regions of a region compared on one indicator (`GET /api/monitor/children`): a bar chart and a
 * table; clicking a bar or a name goes down into that region.
 */
import { useMemo } from 'react';
import { Alert, Button, Card, Col, Row, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { formatFigure } from './figures.ts';
import { MonitorChart } from './MonitorChart.tsx';
import type { ChildrenResult, DashboardItem } from './types.ts';

interface Props {
  item: DashboardItem;
  period: string;
  regionCode: string;
  regionName: string;
  onDrill: (code: string) => void;
}

type Child = ChildrenResult['items'][number];

/** The card with chart and table side by side on a wide screen. */
export function ChildrenComparison({ item, period, regionCode, regionName, onDrill }: Props) {
  const { t } = useTranslation();
  const { data, error, loading } = useFetch<ChildrenResult>(apiUrl('/api/monitor/children', { indicator: item.indicator, region: regionCode, period }));
  const children = data?.items ?? [];
  const name = currentLocale() === 'en' ? item.nameEn : item.nameZh;

  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 56, right: 16, top: 24, bottom: 72 },
      xAxis: { type: 'category', data: children.map((child) => child.regionName), axisLabel: { rotate: children.length > 6 ? 40 : 0, interval: 0 } },
      yAxis: { type: 'value', name: item.unit },
      series: [{ name, type: 'bar', data: children.map((child) => child.value), color: '#5b8ff9', cursor: 'pointer' }],
    }),
    [children, item.unit, name],
  );

  return (
    <Card size="small" title={t('monitor.comparison', { region: regionName })} data-testid="children-card">
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <MonitorChart option={option} fileName={`${name}-${regionName}-${period}-${t('monitor.comparisonFile')}`} onPick={(_, index) => children[index] && onDrill(children[index].regionCode)} data-testid="children-chart" />
        </Col>
        <Col xs={24} lg={10}>
          <Table<Child>
            size="small"
            rowKey="regionCode"
            loading={loading}
            dataSource={children}
            pagination={children.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            data-testid="children-table"
            columns={[
              {
                title: t('monitor.region'),
                dataIndex: 'regionName',
                render: (childName: string, child) => (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(child.regionCode)} data-testid={`children-drill-${child.regionCode}`}>
                    {childName}
                  </Button>
                ),
              },
              {
                title: `${name}（${item.unit}）`,
                dataIndex: 'value',
                align: 'right',
                sorter: (a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity),
                render: (value: number | null) => formatFigure(value, item.decimals),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
