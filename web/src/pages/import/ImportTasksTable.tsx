/** The tasks of an import preview, each unit name tagged by how it resolves; unknown names stand out in red. */
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NameTag } from './NameTag.tsx';
import type { ImportTaskPreview } from '../../types.ts';

/** The table. */
export function ImportTasksTable({ tasks }: { tasks: ImportTaskPreview[] }) {
  const { t } = useTranslation();
  return (
    <Table<ImportTaskPreview>
      data-testid="import-tasks"
      rowKey="number"
      size="small"
      dataSource={tasks}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('planImport.number'), dataIndex: 'number', render: (number: string, task) => `${task.section}${task.section ? ' ' : ''}${number}` },
        {
          title: t('reports.task'),
          dataIndex: 'text',
          render: (text: string) => (
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0, maxWidth: 420, whiteSpace: 'normal' }}>
              {text}
            </Typography.Paragraph>
          ),
        },
        {
          title: t('planImport.units'),
          key: 'units',
          render: (_, task) => (
            <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
              {task.units.length === 0 ? (
                <Typography.Text type="secondary">{t('plans.noUnits')}</Typography.Text>
              ) : (
                task.units.map((unit) => <NameTag key={unit.name} name={unit.name} resolution={unit.resolution} lead={unit.name === task.lead} />)
              )}
            </div>
          ),
        },
        { title: t('planImport.due'), dataIndex: 'due', render: (due: string | null) => due ?? '—' },
      ]}
    />
  );
}
