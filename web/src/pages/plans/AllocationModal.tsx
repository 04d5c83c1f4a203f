/**
 * 任务分解: split a target among the regions one level below it (`PUT /api/plans/:id/targets/:targetId/allocation`).
 * The parts must add up to the target exactly; the running total says how far off they are.
 */
import { useEffect, useState } from 'react';
import { Alert, App, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import type { Region, TargetProgressView } from '../../types.ts';

interface Props {
  planId: string;
  /** The target to split; null when closed. */
  target: TargetProgressView | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The dialog: one figure per region below, prefilled with the current split. */
export function AllocationModal({ planId, target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [regions, setRegions] = useState<Region[]>([]);
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setError(null);
    if (!target) return;
    setValues(Object.fromEntries(target.regions.filter((region) => region.allocated !== null).map((region) => [region.regionCode, region.allocated])));
    api
      .get<{ items: Region[] }>('/api/regions', { parent: target.regionCode })
      .then((list) => setRegions(list.items))
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [target]);

  const parts = Object.entries(values).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  const sum = Math.round(parts.reduce((total, [, value]) => total + value, 0) * 1e6) / 1e6;

  async function save() {
    if (!target) return;
    setBusy(true);
    try {
      await api.put<unknown>(`/api/plans/${planId}/targets/${target.id}/allocation`, { parts: parts.map(([regionCode, value]) => ({ regionCode, value })) });
      message.success(t('allocation.saved'));
      onSaved();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={target !== null} title={target && t('allocation.title', { indicator: target.indicator, region: target.regionName })} okText={t('common.save')} confirmLoading={busy} onOk={() => void save()} onCancel={onClose} destroyOnHidden data-testid="allocation-modal">
      {target && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('allocation.total', { sum, value: target.value, unit: target.unit })}</Typography.Text>
          {error && <Alert type="error" showIcon title={error} />}
          <Table<Region>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={regions}
            scroll={{ y: 360 }}
            columns={[
              { title: t('plans.region'), dataIndex: 'name' },
              {
                title: t('allocation.part', { unit: target.unit }),
                key: 'value',
                render: (_, region) => (
                  <InputNumber min={0} value={values[region.code] ?? null} onChange={(value) => setValues((known) => ({ ...known, [region.code]: value }))} style={{ width: 160 }} />
                ),
              },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
