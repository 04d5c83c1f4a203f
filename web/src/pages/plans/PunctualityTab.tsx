/** 报送情况: per responsible unit, how many tasks were reported on time, late or not at all for a period. */
import { useState } from 'react';
import { Alert, Progress, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { TimelinessTag } from '../reports/ReportTags.tsx';
import type { PunctualityView, UnitPunctuality } from '../../types.ts';

interface PeriodList {
  items: { period: string; due: string; label: { zh: string; en: string } }[];
  current: string | null;
}

/** The tab's content for one plan. */
export function PunctualityTab({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<string | undefined>();
  const periods = useFetch<PeriodList>(`/api/plans/${planId}/periods`);
  const chosen = period ?? periods.data?.current ?? undefined;
  const view = useFetch<PunctualityView>(chosen ? apiUrl(`/api/plans/${planId}/punctuality`, { period: chosen }) : null);

  if (periods.data && periods.data.items.length === 0) return <Alert type="info" showIcon title={t('punctuality.noPeriods')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select<string>
        style={{ width: 260 }}
        value={chosen}
        onChange={setPeriod}
        data-testid="punctuality-period"
        options={(periods.data?.items ?? []).map((item) => ({
          value: item.period,
          label: `${currentLocale() === 'en' ? item.label.en : item.label.zh}（${t('reports.dueOn', { due: item.due })}）`,
        }))}
      />
      {view.error && <Alert type="error" showIcon title={view.error} />}
      <Table<UnitPunctuality>
        data-testid="punctuality-table"
        rowKey="unitId"
        size="small"
        loading={view.loading}
        dataSource={view.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('reports.unit'), dataIndex: 'unitName' },
          { title: t('punctuality.assigned'), dataIndex: 'assigned', align: 'right' },
          { title: t('timeliness.on_time'), dataIndex: 'onTime', align: 'right' },
          { title: t('timeliness.late'), dataIndex: 'late', align: 'right' },
          { title: t('timeliness.missing'), dataIndex: 'missing', align: 'right' },
          { title: t('timeliness.not_due'), dataIndex: 'notDue', align: 'right' },
          { title: t('punctuality.completeness'), dataIndex: 'completeness', render: (share: number) => <Progress percent={Math.round(share * 100)} size="small" style={{ width: 120 }} /> },
          { title: t('punctuality.timeliness'), dataIndex: 'timeliness', render: (value: UnitPunctuality['timeliness']) => <TimelinessTag timeliness={value} /> },
        ]}
      />
    </Space>
  );
}
