/**
 * Applying online for a person's policy from the matching page: name, resident ID and phone (and a bank
 * account for the payment), the answers already given carried over; then each item of evidence uploaded and the
 * application submitted. The secret the server returns stays in this page's memory only: it is what lets this
 * browser add evidence and submit, and it is never shown or stored.
 */
import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Space, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage, request, upload } from '../../api.ts';
import { OnlineApplicationStatus, type OnlineApplicationView } from './OnlineApplicationStatus.tsx';

const secretHeader = 'x-application-secret';

const words = {
  'zh-CN': { title: '在线申请', name: '姓名', residentId: '身份证号码', phone: '手机号码', bankName: '开户银行', bankAccount: '银行账号', accountHolder: '账户名', apply: '提交申请信息', upload: '上传', submit: '确认提交申请', submitted: '申请已提交，请等待经办人员受理，可凭申请编号查询进度。', note: '须为已在户籍所在地登记的人员；信息仅用于办理本申请。' },
  en: { title: 'Apply online', name: 'Name', residentId: 'Resident ID', phone: 'Mobile phone', bankName: 'Bank', bankAccount: 'Account number', accountHolder: 'Account holder', apply: 'Send', upload: 'Upload', submit: 'Submit the application', submitted: 'Submitted. A caseworker will take it up; follow it with the reference.', note: 'For persons registered in their hukou county; the details are used for this application only.' },
} as const;

interface Props {
  packId: string;
  policyId: string;
  policyName: string;
  /** the answers given on the matching page (the server keeps those of this policy's pack the registry lacks) */
  answers: Record<string, unknown>;
  onClose: () => void;
}

/** The drawer that files, completes and submits one online application. */
export function OnlineApplyDrawer({ packId, policyId, policyName, answers, onClose }: Props) {
  const { i18n } = useTranslation();
  const text = words[i18n.language === 'en' ? 'en' : 'zh-CN'];
  const [form] = Form.useForm();
  const [view, setView] = useState<OnlineApplicationView | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<OnlineApplicationView>) {
    setBusy(true);
    setError(null);
    try {
      setView(await work());
    } catch (caught) {
      if (caught instanceof ApiError && caught.field && form.getFieldInstance(caught.field)) form.setFields([{ name: caught.field, errors: [caught.message] }]);
      else setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const file = (values: Record<string, string | undefined>) =>
    act(async () => {
      const filed = await api.post<OnlineApplicationView & { secret: string }>('/api/public/applications', { packId, policyId, answers, ...values });
      setSecret(filed.secret);
      return filed;
    });
  const headers = () => ({ [secretHeader]: secret ?? '' });
  const addEvidence = (evidenceId: string, chosen: File) => act(() => upload<OnlineApplicationView>(`/api/public/applications/${view?.reference}/evidence/${evidenceId}`, { file: chosen }, headers()));
  const submit = () => act(() => request<OnlineApplicationView>('POST', `/api/public/applications/${view?.reference}/submit`, {}, headers()));

  return (
    <Drawer open title={`${text.title}：${policyName}`} onClose={onClose} width={Math.min(520, window.innerWidth)} data-testid="online-apply-drawer" destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="online-apply-error" />}
      {view === null ? (
        <Form form={form} layout="vertical" onFinish={file}>
          <Alert type="info" message={text.note} style={{ marginBottom: 12 }} />
          <Form.Item name="name" label={text.name} rules={[{ required: true }]}>
            <Input maxLength={50} data-testid="online-name" />
          </Form.Item>
          <Form.Item name="residentId" label={text.residentId} rules={[{ required: true }]}>
            <Input maxLength={18} data-testid="online-resident-id" />
          </Form.Item>
          <Form.Item name="phone" label={text.phone} rules={[{ required: true }]}>
            <Input maxLength={11} inputMode="numeric" data-testid="online-phone" />
          </Form.Item>
          <Form.Item name="bankName" label={text.bankName}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="bankAccount" label={text.bankAccount}>
            <Input maxLength={30} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="accountHolder" label={text.accountHolder}>
            <Input maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="online-apply-send">
            {text.apply}
          </Button>
        </Form>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <OnlineApplicationStatus
            view={view}
            evidenceAction={
              view.status === 'draft'
                ? (item) => (
                    <Upload showUploadList={false} beforeUpload={(chosen) => (void addEvidence(item.id, chosen), false)}>
                      <Button size="small" loading={busy} data-testid={`online-upload-${item.id}`}>
                        {text.upload}
                      </Button>
                    </Upload>
                  )
                : undefined
            }
          />
          {view.status === 'draft' ? (
            <Button type="primary" block loading={busy} onClick={() => void submit()} data-testid="online-apply-submit">
              {text.submit}
            </Button>
          ) : (
            <Alert type="success" showIcon message={text.submitted} data-testid="online-apply-submitted" />
          )}
        </Space>
      )}
    </Drawer>
  );
}
