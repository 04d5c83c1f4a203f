/** The plan's quantitative targets: indicator, region, the figure to reach, deadline, staged milestones, clause. */
import type { ReactNode } from 'react';
import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
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

/** `2020-06-30 前 50%` or `2020-06-30 前 0.9 万人`. */
function Milestones({ target }: { target: TargetView }) {
  const { t } = useTranslation();
  if (target.milestones.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid="target-milestones">
      {target.milestones.map((milestone) => {
        const amount =
          milestone.share !== null ? `${Math.round(milestone.share * 1000) / 10}%` : milestone.value !== null ? `${milestone.value}${target.unit}` : (milestone.text ?? '');
        return <span key={milestone.by}>{t('plans.milestoneBy', { date: milestone.by, amount })}</span>;
      })}
    </Space>
  );
}

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
        { title: t('plans.milestones'), key: 'milestones', render: (_, target) => <Milestones target={target} /> },
        { title: t('plans.clauseColumn'), dataIndex: 'clause' },
      ]}
    />
  );
}
