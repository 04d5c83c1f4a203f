/** The tasks of an import preview, each unit name tagged by how it resolves; unknown names stand out in red. */
import { Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportTaskPreview, UnitResolution } from '../../types.ts';

/** One unit name as a tag: green for a known unit, purple for a collective, red until an unknown name is mapped. */
export function NameTag({ name, resolution, lead }: { name: string; resolution: UnitResolution; lead: boolean }) {
  const { t } = useTranslation();
  if (resolution === 'unknown') {
    return (
      <Tooltip title={t('planImport.unknownName')}>
        <Tag color="red" variant="solid" data-testid="import-unknown-name">
          {lead && `${t('plans.lead')} · `}
          {name}
        </Tag>
      </Tooltip>
    );
  }
  if (resolution === 'collective') {
    return (
      <Tooltip title={t('planImport.collectiveName')}>
        <Tag color="purple">{name}</Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={resolution.name === name ? undefined : resolution.name}>
      <Tag color={lead ? 'red' : 'green'} variant="outlined">
        {lead && `${t('plans.lead')} · `}
        {name}
      </Tag>
    </Tooltip>
  );
}

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
