/** The plan's quantitative targets: indicator, region, the figure to reach, deadline, staged milestones, clause. */
import type { ReactNode } from 'react';
import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TargetMilestones } from './TargetMilestones.tsx';
import { useRegionNames } from './useRegionNames.ts';
import type { TargetView } from '../../types.ts';

interface Props {
  targets: TargetView[];
  /** Extra content under a target when its row is expanded (its progress chart). */
  renderDetail?: ((target: TargetView) => ReactNode) | undefined;
  /** A column for the target's colour and progress, once progress is known. */
  progressOf?: ((targetId: string) => ReactNode) | undefined;
}

const comparatorKey = { '>=': 'atLeast', '<=': 'atMost', '=': 'equal' } as const;

/** The targets table; rows expand to the target's sentence, source and note. */
export function TargetsTable({ targets, renderDetail, progressOf }: Props) {
  const { t } = useTranslation();
  const regionNames = useRegionNames(targets.map((target) => target.regionCode));
  return (
    <Table<TargetView>
      data-testid="targets-table"
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={targets}
      scroll={{ x: 'max-content' }}
      expandable={{
        expandedRowRender: (target) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{target.text}</Typography.Text>
            {target.source && <Typography.Text type="secondary">{t('plans.targetSource', { source: target.source })}</Typography.Text>}
            {target.note && <Typography.Text type="secondary">{target.note}</Typography.Text>}
            {renderDetail?.(target)}
          </Space>
        ),
      }}
      columns={[
        { title: t('plans.indicator'), dataIndex: 'indicator', render: (indicator: string) => <span data-testid="target-indicator">{indicator}</span> },
        ...(progressOf ? [{ title: t('progress.column'), key: 'progress', render: (_: unknown, target: TargetView) => progressOf(target.id) }] : []),
        { title: t('plans.region'), dataIndex: 'regionCode', render: (code: string) => regionNames[code] },
        {
          title: t('plans.targetValue'),
          key: 'value',
          render: (_, target) => `${t(`comparators.${comparatorKey[target.comparator]}`)} ${target.value} ${target.unit}`,
        },
        { title: t('plans.deadline'), dataIndex: 'deadline' },
        { title: t('plans.milestones'), key: 'milestones', render: (_, target) => <TargetMilestones target={target} /> },
        { title: t('plans.clauseColumn'), dataIndex: 'clause' },
      ]}
    />
  );
}
