/**
 * 数据导入 (/monitor/import): choose a form and period, download its template (prefilled with your regions or
 * subjects), upload it filled, watch the check, read the errors by row and column, then commit or discard.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Select, Space, Steps, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiUrl, errorMessage, upload } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { ImportStatus } from './ImportStatus.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { defaultPeriod } from './periods.ts';
import type { FormView, MonitorImportView, Page } from './types.ts';

/** The page at /monitor/import. */
export default function MonitorImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const forms = useFetch<Page<FormView>>('/api/monitor/forms?limit=200');
  const [formId, setFormId] = useState<string | undefined>();
  const [period, setPeriod] = useState<string | undefined>();
  const [job, setJob] = useState<MonitorImportView | null>(null);
  const [busy, setBusy] = useState(false);
  const form = forms.data?.items.find((candidate) => candidate.id === formId);
  const english = currentLocale() === 'en';

  async function send(file: File) {
    if (!form || !period) return;
    setBusy(true);
    try {
      setJob(await upload<MonitorImportView>(apiUrl(`/api/monitor/forms/${form.id}/imports`, { period }), { file }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const step = !job ? (form && period ? 1 : 0) : job.status === 'committed' ? 3 : 2;
  return (
    <Card size="small" title={t('monitorNav.import')}>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('monitorImport.stepChoose') }, { title: t('monitorImport.stepUpload') }, { title: t('monitorImport.stepCheck') }, { title: t('monitorImport.stepCommit') }]}
      />
      {forms.error && <Alert type="error" showIcon title={forms.error} />}
      {job ? (
        <ImportStatus initial={job} onStartOver={() => setJob(null)} />
      ) : (
        <Space orientation="vertical">
          <Space wrap>
            <Select<string>
              style={{ width: 320 }}
              placeholder={t('monitorEntry.pickForm')}
              value={formId}
              onChange={(id) => {
                setFormId(id);
                const next = forms.data?.items.find((candidate) => candidate.id === id);
                setPeriod(next ? defaultPeriod(next.frequency) : undefined);
              }}
              options={(forms.data?.items ?? []).filter((candidate) => candidate.abilities.file).map((candidate) => ({ value: candidate.id, label: english ? candidate.nameEn : candidate.nameZh }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="monitor-import-form"
            />
            {form && <PeriodPicker frequency={form.frequency} value={period} onChange={setPeriod} data-testid="monitor-import-period" />}
          </Space>
          {form && period && (
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={apiUrl(`/api/monitor/forms/${form.id}/template.xlsx`, { period })} data-testid="monitor-import-template">
                {t('monitorImport.template')}
              </Button>
              <Upload
                accept=".xlsx,.csv"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(file) => {
                  void send(file);
                  return false;
                }}
              >
                <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="monitor-import-upload">
                  {t('monitorImport.upload')}
                </Button>
              </Upload>
            </Space>
          )}
          <Alert type="info" showIcon title={t('monitorImport.hint')} />
        </Space>
      )}
    </Card>
  );
}
