/** 工作报送情况: per responsible unit, reports due, on time, late and missing, and completeness, with the totals. */
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPercent } from './bulletinText.ts';
import { BulletinTable } from './BulletinTable.tsx';
import { FigureLink } from './FigureLink.tsx';
import type { PunctualitySection } from '../../types.ts';

type Row = PunctualitySection['rows'][number];

/** The punctuality table with a totals row. */
export function PunctualityPart({ section }: { section: PunctualitySection }) {
  const { t } = useTranslation();
  const { totals } = section;
  const counted = (part: 'onTime' | 'late') => (count: number, row: Row) => (
    <FigureLink traceKey={`${row.key}.${part}`} caption={`${row.unitName} · ${t(`bulletinDoc.${part}`)}`}>
      {count}
    </FigureLink>
  );
  return (
    <BulletinTable<Row>
      data-testid="bulletin-punctuality"
      dataSource={section.rows}
      columns={[
        { title: t('bulletinDoc.unit'), dataIndex: 'unitName' },
        { title: t('bulletinDoc.assigned'), dataIndex: 'assigned', align: 'right' },
        { title: t('bulletinDoc.onTime'), dataIndex: 'onTime', align: 'right', render: counted('onTime') },
        { title: t('bulletinDoc.late'), dataIndex: 'late', align: 'right', render: counted('late') },
        { title: t('bulletinDoc.missing'), dataIndex: 'missing', align: 'right' },
        {
          title: t('bulletinDoc.completeness'),
          dataIndex: 'completeness',
          align: 'right',
          render: (share: number, row) => (
            <FigureLink traceKey={row.key} caption={`${row.unitName} · ${t('bulletinDoc.completeness')}`}>
              {formatPercent(share)}
            </FigureLink>
          ),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t('bulletinDoc.total')}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {totals.assigned}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {totals.onTime}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {totals.late}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {totals.missing}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            <FigureLink traceKey="punctuality.total" caption={`${t('bulletinDoc.total')} · ${t('bulletinDoc.completeness')}`}>
              {formatPercent(totals.completeness)}
            </FigureLink>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
