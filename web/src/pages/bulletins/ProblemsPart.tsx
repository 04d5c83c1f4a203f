/** 问题办理情况: the ledger's totals, the counts by category, and the problems under supervision (挂牌督办). */
import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { categoryLabel, statusColour } from '../problems/problemLabels.ts';
import { BulletinTable } from './BulletinTable.tsx';
import type { ProblemCategory, ProblemsSection, ProblemStatus } from '../../types.ts';

type CategoryRow = ProblemsSection['byCategory'][number];
type FlaggedRow = ProblemsSection['flagged'][number];

/** The problem counts and the 挂牌督办 list. */
export function ProblemsPart({ section }: { section: ProblemsSection }) {
  const { t } = useTranslation();
  const { totals } = section;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={5}
        data-testid="bulletin-problem-totals"
        items={[
          { key: 'total', label: t('bulletinDoc.problemTotal'), children: totals.total },
          { key: 'open', label: t('bulletinDoc.problemOpen'), children: totals.open },
          { key: 'overdue', label: t('bulletinDoc.problemOverdue'), children: totals.overdue },
          { key: 'closed', label: t('bulletinDoc.problemClosed'), children: totals.closed },
          { key: 'flagged', label: t('bulletinDoc.problemFlagged'), children: totals.flagged },
        ]}
      />
      {section.byCategory.length > 0 && (
        <BulletinTable<CategoryRow>
          data-testid="bulletin-problem-categories"
          rowKey="category"
          dataSource={section.byCategory}
          scroll={undefined}
          columns={[
            { title: t('bulletinDoc.category'), dataIndex: 'category', render: (category: ProblemCategory) => categoryLabel(category) },
            { title: t('bulletinDoc.problemOpen'), dataIndex: 'open', align: 'right' },
            { title: t('bulletinDoc.problemOverdue'), dataIndex: 'overdue', align: 'right' },
            { title: t('bulletinDoc.problemClosed'), dataIndex: 'closed', align: 'right' },
          ]}
        />
      )}
      {section.flagged.length > 0 && (
        <>
          <Typography.Text strong>{t('bulletinDoc.flaggedList')}</Typography.Text>
          <BulletinTable<FlaggedRow>
            data-testid="bulletin-problem-flagged"
            rowKey="problemId"
            dataSource={section.flagged}
            columns={[
              { title: t('bulletinDoc.problemNumber'), dataIndex: 'number' },
              { title: t('bulletinDoc.problem'), dataIndex: 'title', render: (title: string) => <div style={{ maxWidth: 320, whiteSpace: 'normal' }}>{title}</div> },
              { title: t('bulletinDoc.category'), dataIndex: 'category', render: (category: ProblemCategory) => categoryLabel(category) },
              { title: t('bulletinDoc.region'), dataIndex: 'regionName' },
              { title: t('bulletinDoc.ownerUnit'), dataIndex: 'ownerUnit' },
              {
                title: t('bulletinDoc.problemDeadline'),
                dataIndex: 'deadline',
                render: (deadline: string, row) => (
                  <Space size={4}>
                    {deadline}
                    {row.overdue && <Tag color="red">{t('bulletinDoc.overdue')}</Tag>}
                  </Space>
                ),
              },
              { title: t('bulletinDoc.problemStatus'), dataIndex: 'status', render: (status: ProblemStatus) => <Tag color={statusColour[status]}>{t(`problemStatuses.${status}`)}</Tag> },
            ]}
          />
        </>
      )}
    </Space>
  );
}
