/** 综合排名: the regions below the plan's ranked by the composite score (points out of 100), under the weights it used. */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFigure } from './bulletinText.ts';
import { BulletinTable } from './BulletinTable.tsx';
import { FigureLink } from './FigureLink.tsx';
import type { RankingSection } from '../../types.ts';

type Row = RankingSection['rows'][number];

/** The ranking table under its weights. */
export function RankingPart({ section }: { section: RankingSection }) {
  const { t } = useTranslation();
  const score = (part: 'targetProgress' | 'punctuality' | null, label: string) => (value: number, row: Row) => (
    <FigureLink traceKey={part ? `${row.key}.${part}` : row.key} caption={`${row.regionName} · ${label}`}>
      {formatFigure(value)}
    </FigureLink>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text data-testid="bulletin-weights">{t('bulletinDoc.weights', section.weights)}</Typography.Text>
      <BulletinTable<Row>
        data-testid="bulletin-ranking"
        dataSource={section.rows}
        columns={[
          { title: t('bulletinDoc.rank'), dataIndex: 'rank', align: 'right' },
          { title: t('bulletinDoc.region'), dataIndex: 'regionName' },
          { title: t('bulletinWeights.targetProgress'), dataIndex: 'targetProgress', align: 'right', render: score('targetProgress', t('bulletinWeights.targetProgress')) },
          { title: t('bulletinWeights.punctuality'), dataIndex: 'punctuality', align: 'right', render: score('punctuality', t('bulletinWeights.punctuality')) },
          { title: t('bulletinWeights.problemCloseOut'), dataIndex: 'problemCloseOut', align: 'right', render: formatFigure },
          { title: t('bulletinDoc.composite'), dataIndex: 'composite', align: 'right', render: score(null, t('bulletinDoc.composite')) },
        ]}
      />
    </Space>
  );
}
