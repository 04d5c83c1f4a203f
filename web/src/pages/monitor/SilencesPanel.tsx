/**
 * Silences (`GET/POST /api/monitor/silences`): a rule muted in a region's subtree for a reason until an expiry;
 * listed in force or all, created by those the rule's abilities allow, revoked by those the silence's allow.
 */
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, apiUrl, errorMessage } from '../../api.ts';
import { pagedTableProps } from '../../components/pagedTableProps.ts';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { showFieldError } from '../../forms.ts';
import { formatDateTime } from '../../format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import type { Page, RuleView, SilenceView } from './types.ts';

const pageSize = 20;

interface Draft {
  ruleId: string;
  regionCode: string;
  reason: string;
  /** `datetime-local` text, read as the browser's local time. */
  expiresAt: string;
}

/** The list with its create dialog. */
export function SilencesPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [active, setActive] = useState<'true' | 'false'>('true');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Draft>();
  const silences = useFetch<Page<SilenceView>>(apiUrl('/api/monitor/silences', { active, limit: pageSize, offset: (page - 1) * pageSize }));
  const rules = useFetch<Page<RuleView>>(creating ? '/api/monitor/warning-rules?limit=500' : null);
  const english = currentLocale() === 'en';

  async function create() {
    const draft = await form.validateFields();
    setBusy(true);
    try {
      await api.post('/api/monitor/silences', { ...draft, reason: draft.reason.trim(), expiresAt: new Date(draft.expiresAt).toISOString() });
      message.success(t('silences.created'));
      setCreating(false);
      silences.reload();
    } catch (error) {
      if (!showFieldError(form, error, ['ruleId', 'regionCode', 'reason', 'expiresAt'])) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(silence: SilenceView) {
    try {
      await api.post(`/api/monitor/silences/${silence.id}/revoke`);
      message.success(t('silences.revoked'));
      silences.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Segmented<'true' | 'false'>
          value={active}
          onChange={(value) => {
            setActive(value);
            setPage(1);
          }}
          options={[
            { value: 'true', label: t('silences.inForce') },
            { value: 'false', label: t('silences.all') },
          ]}
        />
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="silence-create">
          {t('silences.create')}
        </Button>
      </Space>
      <Table<SilenceView>
        size="small"
        data-testid="silences-table"
        {...pagedTableProps({ data: silences.data, loading: silences.loading, page, pageSize, setPage })}
        columns={[
          { title: t('alerts.rule'), dataIndex: 'ruleCode' },
          { title: t('alerts.where'), dataIndex: 'regionName' },
          { title: t('silences.reason'), dataIndex: 'reason' },
          { title: t('silences.expiresAt'), dataIndex: 'expiresAt', render: (value: string) => formatDateTime(value) },
          { title: t('silences.createdBy'), dataIndex: 'createdBy', render: (value: string | null) => value ?? '—' },
          {
            title: t('alerts.status'),
            key: 'state',
            render: (_, silence) => (silence.active ? <Tag color="blue">{t('silences.inForce')}</Tag> : silence.revokedAt ? <Tag>{t('silences.revokedTag')}</Tag> : <Tag>{t('silences.expired')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, silence) =>
              silence.abilities.revoke && silence.active ? (
                <Popconfirm title={t('silences.revokeConfirm')} onConfirm={() => void revoke(silence)}>
                  <Button size="small" type="link" danger data-testid="silence-revoke">
                    {t('silences.revoke')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal open={creating} title={t('silences.create')} okText={t('common.create')} confirmLoading={busy} onOk={() => void create()} onCancel={() => setCreating(false)} destroyOnHidden data-testid="silence-modal">
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="ruleId" label={t('alerts.rule')} rules={[{ required: true, message: t('silences.ruleRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={rules.loading}
              options={(rules.data?.items ?? []).filter((rule) => rule.abilities.silence).map((rule) => ({ value: rule.id, label: `${english ? rule.nameEn : rule.nameZh}（${rule.code}）` }))}
              data-testid="silence-rule"
            />
          </Form.Item>
          <Form.Item name="regionCode" label={t('silences.region')} rules={[{ required: true, message: t('org.regionRequired') }]} extra={t('silences.regionHint')}>
            <RegionSelect data-testid="silence-region" />
          </Form.Item>
          <Form.Item name="reason" label={t('silences.reason')} rules={[{ required: true, whitespace: true, message: t('silences.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="silence-reason" />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('silences.expiresAt')} rules={[{ required: true, message: t('silences.expiryRequired') }]} extra={t('silences.expiryHint')}>
            <Input type="datetime-local" style={{ width: 240 }} data-testid="silence-expires" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
