/** Edits a unit's contacts as one list (`PUT /api/units/:id/contacts`), when the server allows it. */
import { useEffect } from 'react';
import { Alert, App, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useSubmit } from '../../forms.ts';
import { ContactFields } from './ContactFields.tsx';
import { cleanContacts } from './contacts.ts';
import type { Contact, UnitDetail } from '../../types.ts';

/** The contacts section of the unit drawer. */
export function UnitContacts({ unit, onSaved }: { unit: UnitDetail; onSaved: (unit: UnitDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ contacts: Contact[] }>();
  const { busy: saving, error, run } = useSubmit(form, ['contacts']);
  const disabled = !unit.abilities.manageContacts;

  useEffect(() => form.setFieldsValue({ contacts: unit.contacts }), [form, unit.contacts]);

  async function submit(values: { contacts?: Contact[] }) {
    await run(async () => {
      onSaved(await api.put<UnitDetail>(`/api/units/${unit.id}/contacts`, { contacts: cleanContacts(values.contacts) }));
      void message.success(t('org.contactsSaved'));
    });
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <ContactFields disabled={disabled} />
      <Button type="primary" htmlType="submit" disabled={disabled} loading={saving} style={{ marginTop: 12 }} data-testid="contacts-save">
        {t('org.saveContacts')}
      </Button>
    </Form>
  );
}
