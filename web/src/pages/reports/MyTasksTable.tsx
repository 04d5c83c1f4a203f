/** The rows of 我的任务: each task of each of my units, with acknowledgement and the period's report. */
import type { HTMLAttributes } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import { ReportStatusTag, TimelinessTag } from './ReportTags.tsx';
import type { MyTaskView } from '../../types.ts';

interface Props {
  items: MyTaskView[];
  loading: boolean;
  /** The row whose acknowledgement is being sent. */
  acknowledging: string | null;
  onAcknowledge: (task: MyTaskView) => void;
  onOpen: (task: MyTaskView) => void;
}

/** A row's key: a task can be on the list once per unit of mine. */
export function rowKey(task: MyTaskView): string {
  return `${task.taskId}:${task.unitId}`;
}

/** The table. */
export function MyTasksTable({ items, loading, acknowledging, onAcknowledge, onOpen }: Props) {
  const { t } = useTranslation();
  return (
    <Table<MyTaskView>
      data-testid="my-tasks-table"
      rowKey={rowKey}
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      onRow={(task) => ({ 'data-testid': `my-task-${task.taskNumber}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('reports.task'),
          key: 'task',
          render: (_, task) => (
            <div style={{ maxWidth: 380, whiteSpace: 'normal' }}>
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: task.taskText }} style={{ margin: 0 }}>
                <Tag color="geekblue">{task.taskNumber}</Tag>
                {task.taskTitle ?? task.taskText}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {task.planTitle}
              </Typography.Text>
            </div>
          ),
        },
        {
          title: t('reports.unit'),
          key: 'unit',
          render: (_, task) => (
            <Space size={4}>
              {task.isLead && <Tag color="red">{t('plans.lead')}</Tag>}
              {task.unitName}
            </Space>
          ),
        },
        { title: t('reports.period'), key: 'period', render: (_, task) => (task.period ? t('reports.periodDue', { period: task.period, due: task.due }) : '—') },
        {
          title: t('reports.acknowledgement'),
          key: 'acknowledged',
          render: (_, task) =>
            task.acknowledgedAt ? (
              <Typography.Text type="secondary">{t('reports.acknowledgedAt', { at: formatDateTime(task.acknowledgedAt) })}</Typography.Text>
            ) : (
              <Button size="small" loading={acknowledging === rowKey(task)} onClick={() => onAcknowledge(task)} data-testid="task-acknowledge">
                {t('reports.acknowledge')}
              </Button>
            ),
        },
        {
          title: t('reports.report'),
          key: 'report',
          render: (_, task) => (
            <Space size={4}>
              {task.report ? <ReportStatusTag status={task.report.status} /> : <Tag>{t('reports.notStarted')}</Tag>}
              {task.timeliness && <TimelinessTag timeliness={task.timeliness} />}
            </Space>
          ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, task) => {
            const writable = !task.report || task.report.status === 'draft' || task.report.status === 'returned';
            return (
              <Button type={writable ? 'primary' : 'link'} size="small" disabled={!task.period} onClick={() => onOpen(task)} data-testid="task-report">
                {writable ? t('reports.fill') : t('reports.view')}
              </Button>
            );
          },
        },
      ]}
    />
  );
}
