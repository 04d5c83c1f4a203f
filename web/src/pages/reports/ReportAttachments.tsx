/** The report's files, and uploading another (`POST /api/reports/:id/attachments`) while the report is editable. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachedFiles } from '../../components/AttachedFiles.tsx';
import { AttachmentLinks } from './AttachmentLinks.tsx';
import type { ReportDetail } from '../../types.ts';

interface Props {
  /** Null until the draft has been saved once: files hang on a report. */
  report: ReportDetail | null;
  onChanged: (report: ReportDetail) => void;
}

/** The attachment list with an upload button. */
export function ReportAttachments({ report, onChanged }: Props) {
  const { t } = useTranslation();
  return (
    <AttachedFiles<ReportDetail>
      uploadUrl={report ? `/api/reports/${report.id}/attachments` : ''}
      allowed={report?.abilities.attach ?? false}
      label={t('reports.upload')}
      uploadTestId="report-upload"
      hint={<Typography.Text type="secondary">{report ? t('reports.uploadHint') : t('reports.saveBeforeUpload')}</Typography.Text>}
      onUploaded={onChanged}
    >
      {report && <AttachmentLinks report={report} />}
    </AttachedFiles>
  );
}
