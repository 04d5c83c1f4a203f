/**
 * 数据填报 (/monitor/entry): pick a form, a period and a region or subject in your reach, fill the figures and
 * file them; below, the filed forms, which coordinators approve or return.
 */
import { useState } from 'react';
import { Alert, Card, Empty, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import { useFetch } from '../../useFetch.ts';
import { EntryForm } from './EntryForm.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { defaultPeriod } from './periods.ts';
import { RegionCascader } from './RegionCascader.tsx';
import { SubjectSelect } from './SubjectSelect.tsx';
import { SubmissionsTable } from './SubmissionsTable.tsx';
import type { FormView, Page } from './types.ts';

/** The page at /monitor/entry. */
export default function EntryPage() {
  const { t } = useTranslation();
  const forms = useFetch<Page<FormView>>('/api/monitor/forms?limit=200');
  const [formId, setFormId] = useState<string | undefined>();
  const [period, setPeriod] = useState<string | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [subject, setSubject] = useState<{ id: string; regionCode: string } | undefined>();
  const [filed, setFiled] = useState(0);
  const english = currentLocale() === 'en';
  const form = forms.data?.items.find((candidate) => candidate.id === formId);
  const bySubject = form?.reporterLevel === 'subject';
  const targetRegion = bySubject ? subject?.regionCode : regionCode;

  function pickForm(id: string) {
    const next = forms.data?.items.find((candidate) => candidate.id === id);
    setFormId(id);
    setPeriod(next ? defaultPeriod(next.frequency) : undefined);
    setRegionCode(undefined);
    setSubject(undefined);
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('monitorNav.entry')}>
        {forms.error && <Alert type="error" showIcon title={forms.error} />}
        <Space wrap style={{ marginBottom: 16 }}>
          <Select<string>
            style={{ width: 320 }}
            placeholder={t('monitorEntry.pickForm')}
            loading={forms.loading}
            value={formId}
            onChange={pickForm}
            options={(forms.data?.items ?? []).map((candidate) => ({ value: candidate.id, label: english ? candidate.nameEn : candidate.nameZh }))}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="entry-form"
          />
          {form && <PeriodPicker frequency={form.frequency} value={period} onChange={setPeriod} data-testid="entry-period" />}
          {form && form.reporterLevel !== 'subject' && <RegionCascader level={form.reporterLevel} value={regionCode} onChange={setRegionCode} data-testid="entry-region" />}
          {form && bySubject && form.subjectKind && (
            <SubjectSelect kind={form.subjectKind} value={subject?.id} onChange={(id, picked) => setSubject(id && picked ? { id, regionCode: picked.regionCode } : undefined)} data-testid="entry-subject" />
          )}
        </Space>
        {form?.source && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('monitorEntry.source', { source: form.source })}
          </Typography.Paragraph>
        )}
        {form && period && targetRegion ? (
          <EntryForm key={`${form.id}|${period}|${targetRegion}|${subject?.id ?? ''}`} form={form} period={period} regionCode={targetRegion} subjectId={bySubject ? (subject?.id ?? null) : null} onFiled={() => setFiled((count) => count + 1)} />
        ) : (
          <Empty description={t('monitorEntry.pickFirst')} />
        )}
      </Card>
      <Card size="small" title={t('monitorEntry.submissions')}>
        <SubmissionsTable formId={formId} period={period} reloadKey={filed} />
      </Card>
    </Space>
  );
}
