/** Renames a unit or changes its kind (`PATCH /api/units/:id`), when the server's abilities allow it. */
import { useEffect } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSubmit } from '../../forms.ts';
import { unitKinds } from '../../types.ts';
import type { UnitDetail, UnitKind } from '../../types.ts';

interface Values {
  name: string;
  kind: UnitKind;
}

/** The name-and-kind form of the unit drawer. */
export function UnitBasicsForm({ unit, onSaved }: { unit: UnitDetail; onSaved: (unit: UnitDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { busy: saving, error, run } = useSubmit(form, ['name', 'kind']);
  const disabled = !unit.abilities.update;

  useEffect(() => form.setFieldsValue({ name: unit.name, kind: unit.kind }), [form, unit.name, unit.kind]);

  async function submit(values: Values) {
    await run(async () => {
      onSaved(await api.patch<UnitDetail>(`/api/units/${unit.id}`, { name: values.name.trim(), kind: values.kind }));
    });
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={disabled}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="name" label={t('org.unitName')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}>
        <Input maxLength={100} data-testid="unit-edit-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
        <Select options={unitKinds.map((kind) => ({ value: kind, label: t(`unitKinds.${kind}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="unit-edit-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
