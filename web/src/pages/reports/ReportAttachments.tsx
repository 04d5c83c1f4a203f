/** The report's files, and uploading another (`POST /api/reports/:id/attachments`) while the report is editable. */
import { useState } from 'react';
import { App, Button, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, upload } from '../../api.ts';
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
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);

  async function send(file: File) {
    if (!report) return;
    setUploading(true);
    try {
      onChanged(await upload<ReportDetail>(`/api/reports/${report.id}/attachments`, { file }));
      message.success(t('reports.uploaded', { name: file.name }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {report && <AttachmentLinks report={report} />}
      <Upload
        showUploadList={false}
        disabled={!report?.abilities.attach || uploading}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} disabled={!report?.abilities.attach} data-testid="report-upload">
          {t('reports.upload')}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{report ? t('reports.uploadHint') : t('reports.saveBeforeUpload')}</Typography.Text>
    </Space>
  );
}
