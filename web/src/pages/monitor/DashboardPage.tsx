/**
 * 监测看板 (/monitor): a region and period's key indicators against targets and the time schedule, the picked
 * indicator's trend and its comparison across child regions (click one to go down, the breadcrumb to go back
 * up), and the alert board by level. The region and period live in the address, so a view can be shared.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatPeriod, nextPeriod, parsePeriod } from '../../../../src/kernel/periods.ts';
import { apiUrl } from '../../api.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { useFetch } from '../../useFetch.ts';
import { AlertLevelSummary } from './AlertLevelSummary.tsx';
import { ChildrenComparison } from './ChildrenComparison.tsx';
import { KeyIndicatorCards } from './KeyIndicatorCards.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { defaultPeriod, periodKind } from './periods.ts';
import { reachRoots } from './reach.ts';
import { RegionTrail } from './RegionTrail.tsx';
import { TrendPanel } from './TrendPanel.tsx';
import type { DashboardItem, DashboardResult, Frequency, RegionDetail } from './types.ts';

/** The period an item's figure is for: the one after its previous period (its own frequency). */
function shownPeriod(item: DashboardItem): string {
  const previous = parsePeriod(item.previousPeriod);
  return previous ? formatPeriod(nextPeriod(previous)) : item.previousPeriod;
}

/** The page at /monitor. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const root = reachRoots(user?.grants ?? [])[0]?.code;
  const regionCode = search.get('region') ?? root;
  const period = search.get('period') ?? defaultPeriod('month');
  const frequency: Frequency = periodKind(period) ?? 'month';
  const [selected, setSelected] = useState<string | null>(search.get('indicator'));

  const region = useFetch<RegionDetail>(regionCode ? `/api/regions/${regionCode}` : null);
  const dashboard = useFetch<DashboardResult>(regionCode ? apiUrl('/api/monitor/dashboard', { region: regionCode, period }) : null);
  const items = dashboard.data?.items ?? [];
  const item = items.find((candidate) => candidate.indicator === selected) ?? items.find((candidate) => candidate.value !== null) ?? items[0];

  useEffect(() => {
    if (item && item.indicator !== selected) setSelected(item.indicator);
  }, [item, selected]);

  function show(changes: Record<string, string>) {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    setSearch(next);
  }

  if (!regionCode) return <Empty description={t('monitor.noReach')} />;
  const place = region.data?.code === regionCode ? region.data : null;
  const regionName = place?.name ?? regionCode;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            {place && <RegionTrail region={place} onPick={(code) => show({ region: code })} />}
          </Space>
          <Space wrap>
            <PeriodPicker
              frequency={frequency}
              value={period}
              onChange={(next) => show({ period: next })}
              onFrequencyChange={(kind) => show({ period: defaultPeriod(kind) })}
              data-testid="dashboard-period"
            />
            <Button icon={<FileExcelOutlined />} href={apiUrl('/api/monitor/dashboard.xlsx', { region: regionCode, period })} data-testid="dashboard-xlsx">
              {t('monitor.exportXlsx')}
            </Button>
          </Space>
        </Space>
      </Card>
      {dashboard.error && <Alert type="error" showIcon title={dashboard.error} />}
      {dashboard.loading && !dashboard.data ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : (
        <div data-testid="dashboard-cards" data-region={dashboard.data?.regionCode} data-period={dashboard.data?.period}>
          <KeyIndicatorCards items={items} selected={item?.indicator ?? null} onSelect={(code) => setSelected(code)} />
        </div>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {item && <TrendPanel item={item} period={shownPeriod(item)} regionCode={regionCode} regionName={regionName} />}
        </Col>
        <Col xs={24} xl={8}>
          <AlertLevelSummary regionCode={regionCode} />
        </Col>
      </Row>
      {item && place && place.childCount > 0 && (
        <ChildrenComparison item={item} period={shownPeriod(item)} regionCode={regionCode} regionName={regionName} onDrill={(code) => show({ region: code })} />
      )}
    </Space>
  );
}
