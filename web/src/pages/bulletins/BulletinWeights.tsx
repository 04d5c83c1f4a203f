/**
 * 排名权重: the weights a plan's bulletins rank regions by, and — for those the server lets update them — a form
 * to change them (`PUT /api/plans/:id/bulletin-settings`). The three must add up to 100%; the server decides,
 * and its refusal is shown as it gave it.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { formatFigure } from './bulletinText.ts';
import type { BulletinSettingsView, RankingWeights } from '../../types.ts';

interface Props {
  settings: BulletinSettingsView;
  onSaved: (settings: BulletinSettingsView) => void;
}

const parts = ['targetProgress', 'punctuality', 'problemCloseOut'] as const;

/** The weights line with its edit button and dialog. */
export function BulletinWeights({ settings, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RankingWeights>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const typed = Form.useWatch([], form) as Partial<RankingWeights> | undefined;
  const sum = parts.reduce((total, part) => total + (Number(typed?.[part]) || 0), 0);

  async function save(weights: RankingWeights) {
    setSaving(true);
    setRefusal(null);
    try {
      onSaved(await api.put<BulletinSettingsView>(`/api/plans/${settings.planId}/bulletin-settings`, { weights }));
      message.success(t('bulletinWeights.saved'));
      setOpen(false);
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space wrap data-testid="bulletin-settings">
      <Typography.Text strong>{t('bulletinWeights.title')}</Typography.Text>
      <Typography.Text data-testid="bulletin-settings-weights">{t('bulletinWeights.summary', settings.weights)}</Typography.Text>
      <Tag>{settings.defaultWeights ? t('bulletinWeights.defaults') : t('bulletinWeights.planOwn')}</Tag>
      {settings.abilities.update && (
        <Button
          size="small"
          onClick={() => {
            setRefusal(null);
            setOpen(true);
          }}
          data-testid="bulletin-weights-edit"
        >
          {t('bulletinWeights.edit')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('bulletinWeights.editTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        data-testid="bulletin-weights-modal"
      >
        <Typography.Paragraph type="secondary">{t('bulletinWeights.hint')}</Typography.Paragraph>
        <Form form={form} layout="horizontal" labelCol={{ span: 8 }} initialValues={settings.weights} onFinish={(values) => void save(values)}>
          {parts.map((part) => (
            <Form.Item key={part} name={part} label={t(`bulletinWeights.${part}`)} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} step={5} suffix="%" style={{ width: 140 }} data-testid={`bulletin-weight-${part}`} />
            </Form.Item>
          ))}
        </Form>
        <Typography.Text type={Math.abs(sum - 100) < 1e-9 ? 'secondary' : 'warning'} data-testid="bulletin-weights-sum">
          {t('bulletinWeights.sum', { sum: formatFigure(sum) })}
        </Typography.Text>
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginTop: 12 }} data-testid="bulletin-weights-error" />}
      </Modal>
    </Space>
  );
}
