/** One numbered task: its text and clause, responsible units, the document's responsibility note, linked targets. */
import type { ReactNode } from 'react';
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TaskUnits } from './TaskUnits.tsx';
import type { TargetView, TaskView } from '../../types.ts';

interface Props {
  task: TaskView;
  /** The plan's targets by id, to name the linked ones. */
  targets: ReadonlyMap<string, TargetView>;
  /** True when the plan designates leads but this task names none. */
  leadMissing: boolean;
  /** The task's colour tag, once progress is known. */
  colour?: ReactNode;
}

/** The task card inside the plan tree. */
export function TaskCard({ task, targets, leadMissing, colour }: Props) {
  const { t } = useTranslation();
  const linked = task.targetIds.map((id) => targets.get(id)).filter((target) => target !== undefined);
  return (
    <Card
      size="small"
      data-testid={`task-${task.number}`}
      title={
        <Space wrap size={4}>
          <Tag color="geekblue">{task.number}</Tag>
          {task.title && <span>{task.title}</span>}
          {colour}
        </Space>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('plans.clause', { clause: task.clause })}
          {task.due && ` · ${t('plans.due', { date: task.due })}`}
        </Typography.Text>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>{task.text}</Typography.Paragraph>
      <TaskUnits units={task.units} />
      {leadMissing && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {t('plans.taskWithoutLead')}
        </Typography.Text>
      )}
      {task.responsibilityText && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }} data-testid="task-responsibility">
          {task.responsibilityText}
        </Typography.Paragraph>
      )}
      {linked.length > 0 && (
        <Space wrap size={4} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('plans.linkedTargets')}</Typography.Text>
          {linked.map((target) => (
            <Tag key={target.id} color="green">
              {target.indicator} {target.comparator} {target.value}
              {target.unit}
            </Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}
