/** A problem's evidence files (download links) and uploading another (`POST /api/problems/:id/evidence`). */
import { useState } from 'react';
import { App, Button, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, upload } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import type { ProblemDetail } from '../../types.ts';

interface Props {
  problem: ProblemDetail;
  onChanged: (problem: ProblemDetail) => void;
}

/** The list and, when allowed, the upload button. */
export function ProblemEvidence({ problem, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);

  async function send(file: File) {
    setUploading(true);
    try {
      onChanged(await upload<ProblemDetail>(`/api/problems/${problem.id}/evidence`, { file }));
      message.success(t('reports.uploaded', { name: file.name }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="problem-evidence">
      {problem.evidence.length === 0 && <Typography.Text type="secondary">{t('problems.noEvidence')}</Typography.Text>}
      {problem.evidence.map((file) => (
        <span key={file.fileId}>
          <Typography.Link href={`/api/problems/${problem.id}/evidence/${file.fileId}`} target="_blank">
            {file.fileName}
          </Typography.Link>
          <Typography.Text type="secondary">
            {' '}
            · {formatDateTime(file.attachedAt)}
            {file.attachedBy && ` · ${file.attachedBy}`}
          </Typography.Text>
        </span>
      ))}
      {problem.abilities.attachEvidence && (
        <Upload
          showUploadList={false}
          disabled={uploading}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="problem-evidence-upload">
            {t('problems.uploadEvidence')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
