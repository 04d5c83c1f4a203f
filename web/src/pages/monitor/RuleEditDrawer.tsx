/**
 * Edits a warning rule's names, boundaries (of the levels it has), direction, muting and source
 * (`PATCH /api/monitor/warning-rules/:id` with the version edited, so a newer change is not overwritten).
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { levelLabels, levelNames, levelNumber, ruleSourceKinds, warningDirections, type WarningDirection } from '../../../../src/contracts/monitor-warnings-constants.ts';
import { api } from '../../api.ts';
import { useSubmit } from '../../forms.ts';
import { currentLocale } from '../../i18n/index.ts';
import type { LevelName, RuleView } from './types.ts';

interface Draft {
  nameZh: string;
  nameEn: string;
  direction: WarningDirection;
  thresholds: Partial<Record<LevelName, number | null>>;
  muteBelow: boolean;
  source: string;
  sourceKind: RuleView['sourceKind'];
}

const fields = ['nameZh', 'nameEn', 'direction', 'thresholds', 'muteBelow', 'source', 'sourceKind'] as const;

interface Props {
  rule: RuleView | null;
  onClose: () => void;
  onSaved: (rule: RuleView) => void;
}

/** The drawer; open while `rule` is set. */
export function RuleEditDrawer({ rule, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const submit = useSubmit(form, fields);
  const [levels, setLevels] = useState<LevelName[]>([]);
  const english = currentLocale() === 'en';

  useEffect(() => {
    if (!rule) return;
    const present = levelNames.filter((name) => rule.thresholds[name] !== undefined);
    setLevels(present);
    form.setFieldsValue({
      nameZh: rule.nameZh,
      nameEn: rule.nameEn,
      direction: rule.direction,
      thresholds: Object.fromEntries(present.map((name) => [name, rule.thresholds[name]])),
      muteBelow: rule.muteBelow,
      source: rule.source,
      sourceKind: rule.sourceKind,
    });
  }, [rule, form]);

  async function save() {
    if (!rule) return;
    const draft = await form.validateFields();
    const thresholds = Object.fromEntries(levels.map((name) => [name, draft.thresholds[name]]));
    await submit.run(async () => {
      const saved = await api.patch<RuleView>(`/api/monitor/warning-rules/${rule.id}`, { ...draft, thresholds, source: draft.source.trim(), version: rule.version });
      message.success(t('rules.saved'));
      onSaved(saved);
    });
  }

  return (
    <Drawer open={rule !== null} onClose={onClose} size={Math.min(560, window.innerWidth)} destroyOnHidden title={rule ? t('rules.editTitle', { code: rule.code }) : ''} data-testid="rule-drawer">
      {rule && (
        <Form form={form} layout="vertical">
          {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} />}
          <Form.Item name="nameZh" label={t('rules.nameZh')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('rules.nameEn')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="direction" label={t('rules.direction')}>
            <Select options={warningDirections.map((value) => ({ value, label: t(`ruleDirections.${value}`) }))} />
          </Form.Item>
          <Form.Item label={t('rules.thresholds', { unit: rule.indicator.unit })} extra={t('rules.thresholdsHint')}>
            <Space wrap>
              {levels.map((name) => (
                <Form.Item key={name} name={['thresholds', name]} label={english ? levelLabels[levelNumber[name]].en : levelLabels[levelNumber[name]].zh} rules={[{ required: true }]} style={{ margin: 0 }}>
                  <InputNumber style={{ width: 120 }} data-testid={`rule-threshold-${name}`} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Form.Item name="muteBelow" label={t('rules.muteBelow')} valuePropName="checked" extra={t('rules.muteBelowHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="source" label={t('rules.source')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="rule-source" />
          </Form.Item>
          <Form.Item name="sourceKind" label={t('rules.sourceKind')}>
            <Select options={ruleSourceKinds.map((value) => ({ value, label: t(`ruleSourceKinds.${value}`) }))} />
          </Form.Item>
          <Button type="primary" loading={submit.busy} onClick={() => void save()} data-testid="rule-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
