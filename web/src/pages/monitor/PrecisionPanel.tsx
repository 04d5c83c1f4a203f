/** Alert precision (`GET /api/monitor/alerts/precision`): of the closed alerts judged, the share that were real, overall and per rule. */
import { Alert, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import type { AlertPrecision } from './types.ts';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`);
type RulePrecision = AlertPrecision['rules'][number];

/** The overall figure and the table per rule. */
export function PrecisionPanel() {
  const { t } = useTranslation();
  const { data, error, loading } = useFetch<AlertPrecision>('/api/monitor/alerts/precision');
  const english = currentLocale() === 'en';
  return (
    <>
      {error && <Alert type="error" showIcon title={error} />}
      <Statistic
        title={t('precision.overall', { real: data?.overall.real ?? 0, closed: data?.overall.closed ?? 0 })}
        value={percent(data?.overall.precision ?? null)}
        style={{ marginBottom: 12 }}
        data-testid="precision-overall"
      />
      <Table<RulePrecision>
        size="small"
        rowKey="ruleId"
        loading={loading}
        pagination={false}
        dataSource={data?.rules ?? []}
        columns={[
          { title: t('alerts.rule'), key: 'rule', render: (_, rule) => `${english ? rule.nameEn : rule.nameZh}（${rule.code}）` },
          { title: t('precision.closed'), dataIndex: 'closed', align: 'right' },
          { title: t('precision.real'), dataIndex: 'real', align: 'right' },
          { title: t('precision.precision'), dataIndex: 'precision', align: 'right', render: (value: number | null) => percent(value) },
        ]}
      />
    </>
  );
}
