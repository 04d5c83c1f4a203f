/** 查询申请进度: an applicant follows an online application by its reference and their resident ID. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { OnlineApplicationStatus, type OnlineApplicationView } from './OnlineApplicationStatus.tsx';

const words = {
  'zh-CN': { title: '查询申请进度', reference: '申请编号', residentId: '身份证号码', look: '查询' },
  en: { title: 'Follow an application', reference: 'Reference', residentId: 'Resident ID', look: 'Look up' },
} as const;

/** The lookup card of the public policies page. */
export function ApplicationLookup() {
  const { i18n } = useTranslation();
  const text = words[i18n.language === 'en' ? 'en' : 'zh-CN'];
  const [view, setView] = useState<OnlineApplicationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function look(values: { reference: string; residentId: string }) {
    setBusy(true);
    setError(null);
    try {
      setView(await api.post<OnlineApplicationView>('/api/public/applications/lookup', values));
    } catch (caught) {
      setView(null);
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={text.title} style={{ marginTop: 24 }} data-testid="application-lookup">
      <Form layout="vertical" onFinish={look}>
        <Form.Item name="reference" label={text.reference} rules={[{ required: true }]}>
          <Input maxLength={12} data-testid="lookup-reference" />
        </Form.Item>
        <Form.Item name="residentId" label={text.residentId} rules={[{ required: true }]}>
          <Input maxLength={18} data-testid="lookup-resident-id" />
        </Form.Item>
        <Button htmlType="submit" block loading={busy} data-testid="lookup-submit">
          {text.look}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="lookup-error" />}
      {view && (
        <div style={{ marginTop: 12 }}>
          <OnlineApplicationStatus view={view} />
        </div>
      )}
    </Card>
  );
}
