/** The 新建单位 form: name, kind, region (prefilled from the tree), aliases and contacts (`POST /api/units`). */
import { Alert, App, Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSubmit } from '../../forms.ts';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { ContactFields } from './ContactFields.tsx';
import { cleanContacts } from './contacts.ts';
import { unitKinds } from '../../types.ts';
import type { Contact, Region, UnitDetail, UnitKind } from '../../types.ts';

interface Values {
  name: string;
  kind: UnitKind;
  regionCode: string;
  aliases?: string[];
  contacts?: Contact[];
}

interface Props {
  region: Region | null;
  onCancel: () => void;
  onCreated: (unit: UnitDetail) => void;
}

/** The form; mount it afresh for each new unit so it starts empty. */
export function CreateUnitForm({ region, onCancel, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy: saving, error, run } = useSubmit(form, ['name', 'kind', 'regionCode', 'aliases', 'contacts']);

  async function submit(values: Values) {
    await run(async () => {
      const unit = await api.post<UnitDetail>('/api/units', {
        name: values.name.trim(),
        kind: values.kind,
        regionCode: values.regionCode,
        aliases: (values.aliases ?? []).map((alias) => alias.trim()).filter(Boolean),
        contacts: cleanContacts(values.contacts),
      });
      void message.success(t('org.created', { name: unit.name }));
      onCreated(unit);
    });
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ regionCode: region?.code, aliases: [], contacts: [] }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="unit-form-error" />}
      <Form.Item name="name" label={t('org.unitName')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}>
        <Input maxLength={100} data-testid="unit-form-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('org.kindRequired') }]}>
        <Select
          data-testid="unit-form-kind"
          placeholder={t('org.kindPlaceholder')}
          options={unitKinds.map((kind) => ({ value: kind, label: t(`unitKinds.${kind}`) }))}
        />
      </Form.Item>
      <Form.Item name="regionCode" label={t('org.region')} rules={[{ required: true, message: t('org.regionRequired') }]}>
        <RegionSelect initial={region} data-testid="unit-form-region" />
      </Form.Item>
      <Form.Item name="aliases" label={t('org.aliases')} extra={t('org.aliasesHint')}>
        <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} suffixIcon={null} data-testid="unit-form-aliases" />
      </Form.Item>
      <Form.Item label={t('org.contacts')}>
        <ContactFields />
      </Form.Item>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="unit-form-submit">
          {t('common.create')}
        </Button>
      </Space>
    </Form>
  );
}
