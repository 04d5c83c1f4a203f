/** The plan's sections as nested collapsible panels, each holding its numbered tasks. */
import type { ReactNode } from 'react';
import { Collapse, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TaskCard } from './TaskCard.tsx';
import type { PlanDetail, SectionView, TargetView } from '../../types.ts';

interface Props {
  sections: readonly SectionView[];
  targets: ReadonlyMap<string, TargetView>;
  leadRule: PlanDetail['leadRule'];
  /** The colour tag of a task, once progress is known. */
  colourOf?: (taskId: string) => ReactNode;
}

function SectionPanels({ sections, targets, leadRule, colourOf }: Props) {
  return (
    <Collapse
      size="small"
      defaultActiveKey={sections.map((section) => section.id)}
      items={sections.map((section) => ({
        key: section.id,
        label: (
          <span data-testid="plan-section">
            <Typography.Text strong>
              {section.number} {section.title}
            </Typography.Text>
            {section.clause && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {section.clause}
              </Typography.Text>
            )}
          </span>
        ),
        children: (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {section.tasks.map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                targets={targets}
                leadMissing={leadRule !== 'none' && task.units.length > 0 && !task.units.some((unit) => unit.isLead)}
                colour={colourOf?.(task.id)}
              />
            ))}
            {section.sections.length > 0 && <SectionPanels sections={section.sections} targets={targets} leadRule={leadRule} colourOf={colourOf} />}
          </Space>
        ),
      }))}
    />
  );
}

/** The tree, or an empty note when the filters leave nothing. */
export function PlanTaskTree(props: Props) {
  const { t } = useTranslation();
  if (props.sections.length === 0) return <Empty description={t('plans.noTasksMatch')} />;
  return <SectionPanels {...props} />;
}
