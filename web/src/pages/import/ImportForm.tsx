/** Step 1 of an import: the file (xlsx/csv table or yaml/json plan pack) and the plan facts a table does not carry. */
import { useState } from 'react';
import { App, Button, Form, Input, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, upload } from '../../api.ts';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { showFieldError } from '../../forms.ts';
import type { ImportPreview } from '../../types.ts';

interface Values {
  regionCode: string;
  title?: string;
  docNumber?: string;
  issuer?: string;
  leadRule?: 'first-listed' | 'named' | 'none';
  start?: string;
  end?: string;
}

const fields = ['regionCode', 'title', 'docNumber', 'issuer', 'leadRule', 'start', 'end'] as const;
const accepted = '.xlsx,.csv,.yaml,.yml,.json';

/** The form; calls `onPreview` with the server's preview. */
export function ImportForm({ onPreview }: { onPreview: (preview: ImportPreview) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function preview() {
    const values = await form.validateFields();
    if (!file) {
      setFileError(t('planImport.fileRequired'));
      return;
    }
    setBusy(true);
    try {
      const parts: Record<string, string | Blob> = {};
      for (const field of fields) {
        const value = values[field]?.trim();
        if (value) parts[field] = value;
      }
      onPreview(await upload<ImportPreview>('/api/plans/import/preview', { ...parts, file }));
    } catch (error) {
      if (error instanceof ApiError && error.field === 'file') setFileError(errorMessage(error));
      else if (!showFieldError(form, error, fields)) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" style={{ maxWidth: 640 }} data-testid="import-form">
      <Form.Item label={t('planImport.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? t('planImport.fileHint')}>
        <Upload
          accept={accepted}
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setFileError(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button icon={<UploadOutlined />} data-testid="import-file">
            {t('planImport.chooseFile')}
          </Button>
        </Upload>
      </Form.Item>
      <Form.Item name="regionCode" label={t('planImport.region')} rules={[{ required: true, message: t('org.regionRequired') }]}>
        <RegionSelect data-testid="import-region" />
      </Form.Item>
      <Form.Item name="title" label={t('planImport.title')} extra={t('planImport.tableOnly')}>
        <Input maxLength={200} data-testid="import-title" />
      </Form.Item>
      <Form.Item name="docNumber" label={t('plans.docNumber')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="issuer" label={t('plans.issuer')} extra={t('planImport.issuerHint')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="leadRule" label={t('plans.leadRule')} extra={t('planImport.leadRuleHint')}>
        <Select allowClear options={(['first-listed', 'named', 'none'] as const).map((rule) => ({ value: rule, label: t(`leadRules.${rule}`) }))} />
      </Form.Item>
      <Form.Item label={t('plans.period')} extra={t('planImport.tableOnly')} style={{ marginBottom: 0 }}>
        <Form.Item name="start" style={{ display: 'inline-block', marginInlineEnd: 8 }}>
          <Input type="date" data-testid="import-start" />
        </Form.Item>
        <Form.Item name="end" style={{ display: 'inline-block' }}>
          <Input type="date" data-testid="import-end" />
        </Form.Item>
      </Form.Item>
      <Button type="primary" loading={busy} onClick={() => void preview()} data-testid="import-preview">
        {t('planImport.preview')}
      </Button>
    </Form>
  );
}
