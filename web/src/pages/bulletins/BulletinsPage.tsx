/**
 * 通报: pick a plan and a period, preview the bulletin (`POST /api/plans/:id/bulletins/preview`, nothing saved),
 * save it as a draft (`POST /api/plans/:id/bulletins`) to publish from its own page; the ranking weights; and
 * the plan's bulletins. Whether the actor may draw bulletins up is the server's `bulletin-settings` ability.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { BulletinList } from './BulletinList.tsx';
import { BulletinWeights } from './BulletinWeights.tsx';
import { TracedBulletin } from './TracedBulletin.tsx';
import type { BulletinContent, BulletinDetail, BulletinSettingsView, BulletinSummary, PeriodList, PlanSummary } from '../../types.ts';

/** The page at /plans/bulletins (`?plan=` keeps the chosen plan). */
export default function BulletinsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const planId = search.get('plan') ?? undefined;
  const [period, setPeriod] = useState<string | undefined>();
  const [docNumber, setDocNumber] = useState('');
  const [preview, setPreview] = useState<BulletinContent | null>(null);
  const [busy, setBusy] = useState<'preview' | 'draft' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const plans = useFetch<{ items: PlanSummary[] }>('/api/plans');
  const periods = useFetch<PeriodList>(planId ? `/api/plans/${planId}/periods` : null);
  const settings = useFetch<BulletinSettingsView>(planId ? `/api/plans/${planId}/bulletin-settings` : null);
  const bulletins = useFetch<{ items: BulletinSummary[] }>(planId ? `/api/plans/${planId}/bulletins` : null);
  const chosen = period ?? periods.data?.current ?? undefined;
  const manage = settings.data?.abilities.update ?? false;

  function reset() {
    setPreview(null);
    setFailure(null);
  }

  async function run(kind: 'preview' | 'draft') {
    if (!planId || !chosen) return;
    setBusy(kind);
    setFailure(null);
    const body = { period: chosen, ...(docNumber.trim() ? { docNumber: docNumber.trim() } : {}) };
    try {
      if (kind === 'preview') {
        setPreview(await api.post<BulletinContent>(`/api/plans/${planId}/bulletins/preview`, body));
      } else {
        const draft = await api.post<BulletinDetail>(`/api/plans/${planId}/bulletins`, body);
        message.success(t('bulletins.draftSaved'));
        navigate(`/plans/bulletins/${draft.id}`);
      }
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('planNav.bulletins')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select<string>
              data-testid="bulletins-plan"
              style={{ width: 380 }}
              placeholder={t('bulletins.choosePlan')}
              value={planId}
              loading={plans.loading}
              options={(plans.data?.items ?? []).map((plan) => ({ value: plan.id, label: plan.title }))}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(value) => {
                setSearch({ plan: value }, { replace: true });
                setPeriod(undefined);
                reset();
              }}
            />
            <Select<string>
              data-testid="bulletins-period"
              style={{ width: 240 }}
              disabled={!planId}
              placeholder={t('bulletins.choosePeriod')}
              value={chosen}
              options={(periods.data?.items ?? []).map((item) => ({
                value: item.period,
                label: `${currentLocale() === 'en' ? item.label.en : item.label.zh}（${t('reports.dueOn', { due: item.due })}）`,
              }))}
              onChange={(value) => {
                setPeriod(value);
                reset();
              }}
            />
            {manage && (
              <Input
                data-testid="bulletins-doc-number"
                style={{ width: 280 }}
                maxLength={60}
                placeholder={t('bulletins.docNumberHint')}
                value={docNumber}
                onChange={(event) => setDocNumber(event.target.value)}
              />
            )}
            <Button disabled={!manage || !chosen || busy !== null} loading={busy === 'preview'} onClick={() => void run('preview')} data-testid="bulletins-preview">
              {t('bulletins.preview')}
            </Button>
            <Button type="primary" disabled={!manage || !chosen || busy !== null} loading={busy === 'draft'} onClick={() => void run('draft')} data-testid="bulletins-draft">
              {t('bulletins.saveDraft')}
            </Button>
          </Space>
          {settings.data && <Typography.Text type="secondary">{manage ? t('bulletins.intro') : t('bulletins.readOnly')}</Typography.Text>}
          {settings.data && <BulletinWeights settings={settings.data} onSaved={settings.replace} />}
          {(failure ?? settings.error ?? periods.error) && <Alert type="error" showIcon title={failure ?? settings.error ?? periods.error} data-testid="bulletins-error" />}
        </Space>
      </Card>
      {preview && (
        <Card size="small" title={t('bulletins.previewTitle')} data-testid="bulletin-preview">
          <TracedBulletin content={preview} bulletinId={null} />
        </Card>
      )}
      {planId && (
        <Card size="small" title={t('bulletins.listTitle')}>
          {bulletins.error && <Alert type="error" showIcon title={bulletins.error} />}
          <BulletinList items={bulletins.data?.items ?? []} loading={bulletins.loading} />
        </Card>
      )}
    </Space>
  );
}
