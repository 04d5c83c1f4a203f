/** A report's attachments as download links (`GET /api/reports/:id/attachments/:fileId`). */
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportDetail } from '../../types.ts';

/** The report's attachments as download links. */
export function AttachmentLinks({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  if (report.attachments.length === 0) return <Typography.Text type="secondary">{t('reports.noAttachments')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid="report-attachments">
      {report.attachments.map((file) => (
        <Typography.Link key={file.fileId} href={`/api/reports/${report.id}/attachments/${file.fileId}`} target="_blank">
          {file.fileName}（{Math.ceil(file.sizeBytes / 1024)} KB）
        </Typography.Link>
      ))}
    </Space>
  );
}
