/** 方案: the plans the user may read (`GET /api/plans`), each opening its tasks and targets. */
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFetch } from '../../useFetch.ts';
import type { PlanSummary } from '../../types.ts';

/** The page at /plans. */
export default function PlansPage() {
  const { t } = useTranslation();
  const { data, error, loading } = useFetch<{ items: PlanSummary[] }>('/api/plans');

  return (
    <Card title={t('plans.title')} size="small">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Table<PlanSummary>
        data-testid="plans-table"
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('plans.planTitle'),
            dataIndex: 'title',
            render: (title: string, plan) => (
              <Link to={`/plans/${plan.id}`} data-testid="plan-open" style={{ whiteSpace: 'normal' }}>
                {title}
              </Link>
            ),
          },
          {
            title: t('plans.docNumber'),
            dataIndex: 'docNumber',
            render: (docNumber: string | null) => docNumber ?? <Typography.Text type="secondary">{t('plans.noDocNumber')}</Typography.Text>,
          },
          { title: t('plans.region'), dataIndex: 'regionName' },
          { title: t('plans.period'), key: 'period', render: (_, plan) => `${plan.start} ~ ${plan.end}` },
          { title: t('plans.tasks'), dataIndex: 'taskCount', align: 'right' },
          { title: t('plans.targets'), dataIndex: 'targetCount', align: 'right' },
          {
            title: t('plans.leadRule'),
            dataIndex: 'leadRule',
            render: (rule: PlanSummary['leadRule']) => <Tag>{t(`leadRules.${rule}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
