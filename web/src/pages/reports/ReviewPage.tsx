/** 审核: reports awaiting review (`GET /api/reports`), filtered by plan and state, each opening for accept or return. */
import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useFetch } from '../../useFetch.ts';
import { ReportStatusTag } from './ReportTags.tsx';
import { ReviewDrawer } from './ReviewDrawer.tsx';
import { reportStatuses } from './statuses.ts';
import type { Page, PlanSummary, ReportStatus, ReportSummary } from '../../types.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';

const pageSize = 20;

/** The page at /plans/review. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const [planId, setPlanId] = useState<string | undefined>();
  const [status, setStatus] = useState<ReportStatus | undefined>('submitted');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const plans = useFetch<{ items: PlanSummary[] }>('/api/plans');
  const reports = useFetch<Page<ReportSummary>>(apiUrl('/api/reports', { plan: planId, status, limit: pageSize, offset: (page - 1) * pageSize }));

  return (
    <Card size="small" title={t('planNav.review')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select<string>
            allowClear
            style={{ width: 360 }}
            placeholder={t('reports.allPlans')}
            value={planId}
            onChange={(value) => {
              setPlanId(value);
              setPage(1);
            }}
            options={(plans.data?.items ?? []).map((plan) => ({ value: plan.id, label: plan.title }))}
            data-testid="review-plan"
          />
          <Select<ReportStatus>
            allowClear
            style={{ width: 160 }}
            placeholder={t('review.anyStatus')}
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={reportStatuses.map((value) => ({ value, label: t(`reportStatuses.${value}`) }))}
            data-testid="review-status"
          />
        </Space>
        {reports.error && <Alert type="error" showIcon title={reports.error} />}
        <Table<ReportSummary>
          data-testid="review-table"
          {...pagedTableProps({ data: reports.data, loading: reports.loading, page, pageSize, setPage })}
          size="middle"
          columns={[
            {
              title: t('reports.task'),
              key: 'task',
              render: (_, report) => (
                <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
                  <Tag color="geekblue">{report.taskNumber}</Tag>
                  {report.taskTitle}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {report.planTitle}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('reports.unit'), dataIndex: 'unitName' },
            { title: t('reports.period'), dataIndex: 'period' },
            { title: t('reports.status'), dataIndex: 'status', render: (value: ReportStatus) => <ReportStatusTag status={value} /> },
            { title: t('review.submittedAt'), dataIndex: 'submittedAt', render: (at: string | null) => formatDateTime(at) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, report) => (
                <Button size="small" type="link" onClick={() => setOpenId(report.id)} data-testid="review-open">
                  {t('review.open')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
      <ReviewDrawer reportId={openId} onClose={() => setOpenId(null)} onChanged={reports.reload} />
    </Card>
  );
}
