/** 登记问题: log a problem (`POST /api/problems`) with its category, severity, facts, enterprise and amount. */
import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api.ts';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { showFieldError } from '../../forms.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { categoryLabel, problemCategories, problemSeverities, yuanToFen } from './problemLabels.ts';
import type { ProblemCategory, ProblemDetail, ProblemSeverity } from '../../types.ts';

interface Values {
  unitId?: string;
  regionCode?: string;
  ownerUnitId?: string;
  category: ProblemCategory;
  severity: ProblemSeverity;
  title: string;
  description: string;
  enterpriseName?: string;
  amountYuan?: number | null;
  deadline?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onLogged: (problem: ProblemDetail) => void;
}

const fields = ['unitId', 'regionCode', 'ownerUnitId', 'category', 'severity', 'title', 'description', 'enterpriseName', 'deadline'] as const;

/** The dialog. */
export function LogProblemModal({ open, onClose, onLogged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const units = [...new Map((user?.grants ?? []).map((grant) => [grant.unitId, grant.unitName])).entries()];

  async function submit() {
    const { amountYuan, enterpriseName, deadline, unitId, regionCode, ownerUnitId, ...values } = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        ...values,
        ...(unitId ? { unitId } : {}),
        ...(regionCode ? { regionCode } : {}),
        ...(ownerUnitId ? { ownerUnitId } : {}),
        ...(enterpriseName?.trim() ? { enterpriseName: enterpriseName.trim() } : {}),
        ...(deadline ? { deadline } : {}),
        ...(typeof amountYuan === 'number' ? { amountFen: yuanToFen(amountYuan) } : {}),
      };
      onLogged(await api.post<ProblemDetail>('/api/problems', body));
      message.success(t('problems.logged'));
      form.resetFields();
    } catch (error) {
      if (error instanceof ApiError && error.field === 'amountFen') form.setFields([{ name: 'amountYuan', errors: [errorMessage(error)] }]);
      else if (!showFieldError(form, error, fields)) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={t('problems.log')} okText={t('problems.logSubmit')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden data-testid="problem-log-modal">
      <Form form={form} layout="vertical" initialValues={{ severity: 'medium', unitId: units.length > 1 ? undefined : units[0]?.[0] }} preserve={false}>
        {units.length > 1 && (
          <Form.Item name="unitId" label={t('problems.asUnit')} rules={[{ required: true, message: t('problems.asUnitRequired') }]}>
            <Select options={units.map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('problems.category')} rules={[{ required: true, message: t('problems.categoryRequired') }]}>
          <Select options={problemCategories.map((category) => ({ value: category, label: categoryLabel(category) }))} data-testid="problem-log-category" />
        </Form.Item>
        <Form.Item name="severity" label={t('problems.severity')}>
          <Select options={problemSeverities.map((severity) => ({ value: severity, label: t(`problemSeverities.${severity}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('problems.problemTitle')} rules={[{ required: true, whitespace: true, message: t('problems.titleRequired') }]}>
          <Input maxLength={200} data-testid="problem-log-title" />
        </Form.Item>
        <Form.Item name="description" label={t('problems.description')} rules={[{ required: true, whitespace: true, message: t('problems.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="problem-log-description" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('problems.region')} extra={t('problems.regionHint')}>
          <RegionSelect data-testid="problem-log-region" />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t('problems.ownerUnit')} extra={t('problems.ownerUnitHint')}>
          <UnitPicker />
        </Form.Item>
        <Form.Item name="enterpriseName" label={t('problems.enterprise')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('problems.amountYuan')} extra={t('problems.amountHint')}>
          <InputNumber min={0} precision={2} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="deadline" label={t('problems.deadline')} extra={t('problems.deadlineHint')}>
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
