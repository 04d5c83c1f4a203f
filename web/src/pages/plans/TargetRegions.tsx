/** A target's latest accepted figures per region below it, against each region's allocated share. */
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetProgressView } from '../../types.ts';

/** The table, or a note when no region has reported yet. */
export function TargetRegions({ target }: { target: TargetProgressView }) {
  const { t } = useTranslation();
  if (target.regions.length === 0) return <Typography.Text type="secondary">{t('allocation.noRegions')}</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey="regionCode"
      pagination={false}
      dataSource={target.regions}
      data-testid="target-regions"
      columns={[
        { title: t('plans.region'), dataIndex: 'regionName' },
        { title: t('allocation.allocated'), dataIndex: 'allocated', render: (value: number | null) => (value === null ? '—' : `${value} ${target.unit}`) },
        { title: t('allocation.figure'), key: 'figure', render: (_, region) => `${region.figure} ${target.unit}（${region.asOf}）` },
      ]}
    />
  );
}
