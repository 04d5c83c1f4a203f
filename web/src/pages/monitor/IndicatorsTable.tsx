/** The indicator catalogue (`GET /api/monitor/indicators`): what each measures, how it is entered and rolled up, its source. */
import { useState } from 'react';
import { Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import type { IndicatorView, Page } from './types.ts';

const pageSize = 20;

/** The table with a search box. */
export function IndicatorsTable() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [query, setQuery] = useState('');
  const { data, loading } = useFetch<Page<IndicatorView>>(apiUrl('/api/monitor/indicators', { q: query || undefined, limit: pageSize, offset: (page - 1) * pageSize }));
  const english = currentLocale() === 'en';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        style={{ width: 280 }}
        placeholder={t('rules.searchIndicators')}
        data-testid="indicators-search"
        onSearch={(text) => {
          setQuery(text.trim());
          setPage(1);
        }}
      />
      <Table<IndicatorView>
        size="small"
        data-testid="indicators-table"
        {...pagedTableProps({ data, loading, page, pageSize, setPage })}
        expandable={{ expandedRowRender: (indicator) => <Typography.Paragraph style={{ margin: 0 }}>{[indicator.description, indicator.source].filter(Boolean).join(' · ') || '—'}</Typography.Paragraph> }}
        columns={[
          {
            title: t('alerts.indicator'),
            key: 'name',
            render: (_, indicator) => (
              <span>
                {english ? indicator.nameEn : indicator.nameZh}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {indicator.code}
                </Typography.Text>
              </span>
            ),
          },
          { title: t('monitorEntry.unit'), dataIndex: 'unit' },
          { title: t('rules.frequency'), dataIndex: 'frequency', render: (value: IndicatorView['frequency']) => t(`monitorFrequencies.${value}`) },
          { title: t('rules.entryLevel'), dataIndex: 'entryLevel', render: (value: IndicatorView['entryLevel']) => t(`monitorLevels.${value}`) },
          {
            title: t('rules.aggregation'),
            key: 'aggregation',
            render: (_, indicator) => (
              <span>
                <Tag>{t(`regionAggregations.${indicator.regionAggregation}`)}</Tag>
                <Tag>{t(`timeAggregations.${indicator.timeAggregation}`)}</Tag>
                {indicator.formula && <Typography.Text code>{indicator.formula}</Typography.Text>}
              </span>
            ),
          },
          { title: t('rules.categories'), dataIndex: 'breakdownCategories', render: (values: string[]) => values.join('、') || '—' },
          { title: t('rules.onDashboard'), dataIndex: 'dashboardPosition', render: (value: number | null) => value ?? '—' },
        ]}
      />
    </Space>
  );
}
