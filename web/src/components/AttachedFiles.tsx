/** A list of files attached to something, with a button under it that uploads another and hands back the result. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, upload } from '../api.ts';

interface Props<T> {
  /** The list of files already attached. */
  children: ReactNode;
  /** Where a new file is posted (as the part `file`); the server answers with the updated owner. */
  uploadUrl: string;
  /** Whether the server lets this user attach a file now. */
  allowed: boolean;
  /** Leave the button out, rather than disabled, when not allowed. */
  hideWhenRefused?: boolean;
  /** The button's text. */
  label: string;
  uploadTestId: string;
  /** A line under the button. */
  hint?: ReactNode;
  'data-testid'?: string;
  onUploaded: (owner: T) => void;
}

/** The files and the upload button. */
export function AttachedFiles<T>({ children, uploadUrl, allowed, hideWhenRefused = false, label, uploadTestId, hint, onUploaded, ...rest }: Props<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);

  async function send(file: File) {
    if (!allowed) return;
    setUploading(true);
    try {
      onUploaded(await upload<T>(uploadUrl, { file }));
      message.success(t('reports.uploaded', { name: file.name }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={rest['data-testid']}>
      {children}
      {(allowed || !hideWhenRefused) && (
        <Upload
          showUploadList={false}
          disabled={!allowed || uploading}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} disabled={!allowed} data-testid={uploadTestId}>
            {label}
          </Button>
        </Upload>
      )}
      {hint}
    </Space>
  );
}
