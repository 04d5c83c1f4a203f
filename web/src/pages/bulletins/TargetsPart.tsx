/** 目标任务完成情况: each target's latest figure and progress against the time schedule, with its colour. */
import { useTranslation } from 'react-i18next';
import { ColourTag } from '../plans/ColourTag.tsx';
import { comparatorSigns, formatFigure, formatPercent } from './bulletinText.ts';
import { BulletinTable } from './BulletinTable.tsx';
import { FigureLink } from './FigureLink.tsx';
import type { TargetsSection } from '../../types.ts';

type Row = TargetsSection['rows'][number];

/** The targets table. */
export function TargetsPart({ section }: { section: TargetsSection }) {
  const { t } = useTranslation();
  return (
    <BulletinTable<Row>
      data-testid="bulletin-targets"
      dataSource={section.rows}
      columns={[
        { title: t('bulletinDoc.indicator'), dataIndex: 'indicator', render: (indicator: string) => <span style={{ whiteSpace: 'normal' }}>{indicator}</span> },
        { title: t('bulletinDoc.region'), dataIndex: 'regionName' },
        { title: t('bulletinDoc.targetValue'), key: 'value', render: (_, row) => `${comparatorSigns[row.comparator]} ${formatFigure(row.value)} ${row.unit}` },
        { title: t('bulletinDoc.deadline'), dataIndex: 'deadline' },
        {
          title: t('bulletinDoc.figure'),
          key: 'figure',
          align: 'right',
          render: (_, row) =>
            row.figure === null ? (
              '—'
            ) : (
              <FigureLink traceKey={row.key} caption={`${row.indicator} · ${t('bulletinDoc.figure')}`}>
                <span data-testid="bulletin-target-figure">{`${formatFigure(row.figure)} ${row.unit}`}</span>
              </FigureLink>
            ),
        },
        { title: t('bulletinDoc.figureAsOf'), dataIndex: 'figureAsOf', render: (date: string | null) => date ?? '—' },
        { title: t('bulletinDoc.progress'), dataIndex: 'progress', align: 'right', render: formatPercent },
        { title: t('bulletinDoc.schedule'), dataIndex: 'schedule', align: 'right', render: formatPercent },
        { title: t('bulletinDoc.slip'), dataIndex: 'slip', align: 'right', render: (slip: number) => formatFigure(slip) },
        { title: t('bulletinDoc.colour'), dataIndex: 'colour', render: (colour: Row['colour']) => <ColourTag colour={colour} /> },
      ]}
    />
  );
}
