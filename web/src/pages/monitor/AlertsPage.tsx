/**
 * 预警处置 (/monitor/alerts): the alert board with filters and the alert drawer, the silences, and the
 * platform's alert precision. `?region=`, `?level=` and `?open=<id>` come from the dashboard's links.
 */
import { useState } from 'react';
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AlertDrawer } from './AlertDrawer.tsx';
import { AlertFilters, type AlertQuery } from './AlertFilters.tsx';
import { AlertTable } from './AlertTable.tsx';
import { PrecisionPanel } from './PrecisionPanel.tsx';
import { SilencesPanel } from './SilencesPanel.tsx';

/** The page at /monitor/alerts. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const level = Number(search.get('level'));
  const [query, setQuery] = useState<AlertQuery>({ region: search.get('region') ?? undefined, level: level >= 1 && level <= 4 ? level : undefined });
  const [openId, setOpenId] = useState<string | null>(search.get('open'));
  const [reloadKey, setReloadKey] = useState(0);

  return (
    <Card size="small" title={t('monitorNav.alerts')}>
      <Tabs
        items={[
          {
            key: 'board',
            label: t('alerts.board'),
            children: (
              <>
                <AlertFilters value={query} onChange={setQuery} />
                <AlertTable query={query} reloadKey={reloadKey} onOpen={setOpenId} onLevel={(picked) => setQuery({ ...query, level: picked })} />
              </>
            ),
          },
          { key: 'silences', label: <span data-testid="alerts-tab-silences">{t('silences.title')}</span>, children: <SilencesPanel /> },
          { key: 'precision', label: <span data-testid="alerts-tab-precision">{t('precision.title')}</span>, children: <PrecisionPanel /> },
        ]}
      />
      <AlertDrawer alertId={openId} onClose={() => setOpenId(null)} onChanged={() => setReloadKey((key) => key + 1)} />
    </Card>
  );
}
