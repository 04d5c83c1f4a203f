/** One plan (`GET /api/plans/:id`): its facts, the task tree with filters, the targets, sources and schedule. */
import { useMemo, useState } from 'react';
import { Alert, Breadcrumb, Card, Input, Space, Spin, Tabs, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFetch } from '../../useFetch.ts';
import { ColourTag } from './ColourTag.tsx';
import { filterTree } from './planTree.ts';
import { defaultAsOf } from './progressDates.ts';
import { PlanFacts } from './PlanFacts.tsx';
import { PlanSources } from './PlanSources.tsx';
import { PlanTaskTree } from './PlanTaskTree.tsx';
import { PunctualityTab } from './PunctualityTab.tsx';
import { TargetsTab } from './TargetsTab.tsx';
import { TaskFilters } from './TaskFilters.tsx';
import type { TaskFilterValues } from './TaskFilters.tsx';
import { usePlanProgress } from './useProgress.ts';
import type { PlanDetail } from '../../types.ts';

/** The page at /plans/:id. */
export default function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { data: plan, error } = useFetch<PlanDetail>(`/api/plans/${encodeURIComponent(id)}`);
  const [filter, setFilter] = useState<TaskFilterValues>({});
  const tab = search.get('tab') ?? 'tasks';
  const [chosenAsOf, setAsOf] = useState<string | null>(null);
  const asOf = chosenAsOf ?? (plan ? defaultAsOf(plan.end) : null);
  const { progress, reload: reloadProgress } = usePlanProgress(id, asOf);

  const targets = useMemo(() => new Map((plan?.targets ?? []).map((target) => [target.id, target])), [plan]);
  const taskColours = useMemo(() => new Map((progress?.tasks ?? []).map((task) => [task.id, task])), [progress]);
  const sections = useMemo(() => {
    if (!plan) return [];
    const taskIds = filter.colour ? new Set([...taskColours.values()].filter((task) => task.colour === filter.colour).map((task) => task.id)) : undefined;
    return filterTree(plan.sections, { unitId: filter.unitId, sectionId: filter.sectionId, taskIds });
  }, [plan, filter, taskColours]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!plan) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/plans">{t('planNav.list')}</Link> }, { title: plan.docNumber ?? plan.title }]} />
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="plan-title">
          {plan.title}
        </Typography.Title>
        <PlanFacts plan={plan} />
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          tabBarExtraContent={
            progress && (
              <Space size={4}>
                <Typography.Text type="secondary">{t('progress.asOf')}</Typography.Text>
                <Input type="date" size="small" value={asOf ?? ''} min={plan.start} onChange={(event) => event.target.value && setAsOf(event.target.value)} data-testid="progress-as-of" />
              </Space>
            )
          }
          onChange={(key) => setSearch(key === 'tasks' ? {} : { tab: key }, { replace: true })}
          items={[
            {
              key: 'tasks',
              label: <span data-testid="plan-tab-tasks">{t('plans.tasksTab')}</span>,
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <TaskFilters sections={plan.sections} value={filter} onChange={setFilter} coloursKnown={progress !== null} />
                  <PlanTaskTree
                    key={JSON.stringify(filter)}
                    sections={sections}
                    targets={targets}
                    leadRule={plan.leadRule}
                    colourOf={(taskId) => {
                      const task = taskColours.get(taskId);
                      return task && <ColourTag colour={task.colour} reason={task.reason} />;
                    }}
                  />
                </Space>
              ),
            },
            {
              key: 'targets',
              label: <span data-testid="plan-tab-targets">{t('plans.targetsTab', { count: plan.targets.length })}</span>,
              children: asOf && <TargetsTab plan={plan} progress={progress} asOf={asOf} onAllocated={reloadProgress} />,
            },
            {
              key: 'punctuality',
              label: <span data-testid="plan-tab-punctuality">{t('punctuality.tab')}</span>,
              children: <PunctualityTab planId={plan.id} />,
            },
            {
              key: 'sources',
              label: <span data-testid="plan-tab-sources">{t('plans.sourcesTab')}</span>,
              children: <PlanSources plan={plan} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
