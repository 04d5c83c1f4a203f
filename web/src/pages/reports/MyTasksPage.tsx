/** 我的任务: the tasks of my units for a plan's period (`GET /api/my/tasks`), acknowledgement, and the report form. */
import { useMemo, useState } from 'react';
import { Alert, App, Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, apiUrl, errorMessage } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { MyTasksTable, rowKey } from './MyTasksTable.tsx';
import { ReportDrawer } from './ReportDrawer.tsx';
import type { MyTaskView } from '../../types.ts';

interface PeriodList {
  items: { period: string; due: string; label: { zh: string; en: string } }[];
  current: string | null;
}

/** The page at /plans/my. */
export default function MyTasksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [planId, setPlanId] = useState<string | undefined>();
  const [period, setPeriod] = useState<string | undefined>();
  const [open, setOpen] = useState<MyTaskView | null>(null);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const all = useFetch<{ items: MyTaskView[] }>('/api/my/tasks');
  const periods = useFetch<PeriodList>(planId ? `/api/plans/${planId}/periods` : null);
  const chosen = useFetch<{ items: MyTaskView[] }>(planId ? apiUrl('/api/my/tasks', { plan: planId, period }) : null);
  const shown = planId ? chosen : all;

  const plans = useMemo(() => {
    const titles = new Map<string, string>();
    for (const task of all.data?.items ?? []) titles.set(task.planId, task.planTitle);
    return [...titles].map(([value, label]) => ({ value, label }));
  }, [all.data]);

  function reload() {
    all.reload();
    chosen.reload();
  }

  async function acknowledge(task: MyTaskView) {
    setAcknowledging(rowKey(task));
    try {
      await api.post<unknown>(`/api/tasks/${task.taskId}/acknowledge`, { unitId: task.unitId });
      message.success(t('reports.acknowledged'));
      reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setAcknowledging(null);
    }
  }

  return (
    <Card size="small" title={t('planNav.my')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select<string>
            data-testid="my-tasks-plan"
            allowClear
            style={{ width: 360 }}
            placeholder={t('reports.allPlans')}
            value={planId}
            options={plans}
            onChange={(value) => {
              setPlanId(value);
              setPeriod(undefined);
            }}
          />
          <Select<string>
            data-testid="my-tasks-period"
            style={{ width: 220 }}
            disabled={!planId}
            placeholder={planId ? t('reports.currentPeriod') : t('reports.choosePlanFirst')}
            value={period ?? periods.data?.current ?? undefined}
            onChange={setPeriod}
            options={(periods.data?.items ?? []).map((item) => ({
              value: item.period,
              label: `${currentLocale() === 'en' ? item.label.en : item.label.zh}（${t('reports.dueOn', { due: item.due })}）`,
            }))}
          />
        </Space>
        <Typography.Text type="secondary">{t('reports.myTasksHint')}</Typography.Text>
        {shown.error && <Alert type="error" showIcon title={shown.error} />}
        <MyTasksTable items={shown.data?.items ?? []} loading={shown.loading} acknowledging={acknowledging} onAcknowledge={(task) => void acknowledge(task)} onOpen={setOpen} />
      </Space>
      <ReportDrawer
        task={open}
        onClose={() => setOpen(null)}
        onChanged={reload}
      />
    </Card>
  );
}
