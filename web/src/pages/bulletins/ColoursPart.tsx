/** 任务进度情况: how many tasks are of each colour, and the red and yellow tasks with their lead units. */
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ColourTag } from '../plans/ColourTag.tsx';
import { colours, tagColour } from '../plans/colours.ts';
import { BulletinTable } from './BulletinTable.tsx';
import { FigureLink } from './FigureLink.tsx';
import type { ColoursSection } from '../../types.ts';

type Row = ColoursSection['listed'][number];

/** The colour counts and the list of tasks to put right. */
export function ColoursPart({ section }: { section: ColoursSection }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap data-testid="bulletin-colour-counts">
        {colours.map((colour) => (
          <Tag key={colour} color={tagColour[colour]} data-colour={colour}>
            {t(`planColours.${colour}`)}{' '}
            <FigureLink traceKey={`colours.${colour}`} caption={t(`planColours.${colour}`)}>
              {t('bulletinDoc.taskCount', { count: section.counts[colour] ?? 0 })}
            </FigureLink>
          </Tag>
        ))}
      </Space>
      {section.listed.length > 0 && (
        <BulletinTable<Row>
          data-testid="bulletin-colours"
          dataSource={section.listed}
          columns={[
            {
              title: t('bulletinDoc.number'),
              dataIndex: 'number',
              render: (number: string, row) => (
                <FigureLink traceKey={row.key} caption={`${t('bulletinDoc.task')} ${number}`}>
                  {number}
                </FigureLink>
              ),
            },
            { title: t('bulletinDoc.task'), dataIndex: 'title', render: (title: string) => <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>{title}</div> },
            { title: t('bulletinDoc.colour'), dataIndex: 'colour', render: (colour: Row['colour']) => <ColourTag colour={colour} /> },
            { title: t('bulletinDoc.reason'), dataIndex: 'reason', render: (reason: string) => <div style={{ maxWidth: 280, whiteSpace: 'normal' }}>{reason}</div> },
            { title: t('bulletinDoc.leadUnits'), dataIndex: 'leadUnits' },
          ]}
        />
      )}
    </Space>
  );
}
