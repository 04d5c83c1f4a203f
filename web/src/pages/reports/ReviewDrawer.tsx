/** One report opened for review (`GET /api/reports/:id`): the report itself, then accept or return. */
import { Alert, Drawer, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFetch } from '../../useFetch.ts';
import { ReportView } from './ReportView.tsx';
import { ReviewActions } from './ReviewActions.tsx';
import type { ReportDetail } from '../../types.ts';

interface Props {
  /** The report to show; null when closed. */
  reportId: string | null;
  onClose: () => void;
  /** Called after an accept or return, so the queue can reload. */
  onChanged: () => void;
}

/** The drawer; open while `reportId` is set. */
export function ReviewDrawer({ reportId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { data: report, error, replace } = useFetch<ReportDetail>(reportId ? `/api/reports/${reportId}` : null);
  return (
    <Drawer open={reportId !== null} onClose={onClose} size={Math.min(720, window.innerWidth)} destroyOnHidden title={t('review.drawerTitle')} data-testid="review-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {!report && !error && <Spin style={{ display: 'block', margin: 24 }} />}
      {report && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <ReportView report={report} />
          <ReviewActions
            report={report}
            onDone={(detail) => {
              replace(detail);
              onChanged();
            }}
          />
        </Space>
      )}
    </Drawer>
  );
}
