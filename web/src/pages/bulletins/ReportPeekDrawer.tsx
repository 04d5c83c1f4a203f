/** One report behind a bulletin's figure, read-only (`GET /api/reports/:id`): reviewing is done on 报告审核. */
import { Alert, Drawer, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFetch } from '../../useFetch.ts';
import { ReportView } from '../reports/ReportView.tsx';
import type { ReportDetail } from '../../types.ts';

/** The drawer; open while `reportId` is set. */
export function ReportPeekDrawer({ reportId, onClose }: { reportId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: report, error } = useFetch<ReportDetail>(reportId ? `/api/reports/${reportId}` : null);
  return (
    <Drawer open={reportId !== null} onClose={onClose} size={Math.min(680, window.innerWidth)} destroyOnHidden title={t('bulletinDoc.report')} data-testid="trace-report-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {!report && !error && <Spin style={{ display: 'block', margin: 24 }} />}
      {report && <ReportView report={report} />}
    </Drawer>
  );
}
