/** 导入方案: upload a task-division table or plan pack → preview → map unknown names → dry run → commit. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Divider, Result, Space, Steps, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api.ts';
import { ImportForm } from './ImportForm.tsx';
import { ImportProblems } from './ImportProblems.tsx';
import { ImportTasksTable } from './ImportTasksTable.tsx';
import { initialMapping, mappingToSend, unmappedNames } from './mapping.ts';
import type { MappingDraft } from './mapping.ts';
import { NameMappingRow } from './NameMappingRow.tsx';
import type { ImportCommitResult, ImportPreview } from '../../types.ts';

/** The page at /plans/import. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<MappingDraft>({});
  const [dryRun, setDryRun] = useState<ImportCommitResult | null>(null);
  const [done, setDone] = useState<ImportCommitResult | null>(null);
  const [busy, setBusy] = useState(false);
  const missing = preview ? unmappedNames(preview.unknownNames, mapping) : [];
  const ready = preview !== null && preview.pack !== null && missing.length === 0;

  function previewed(next: ImportPreview) {
    setPreview(next);
    setMapping(initialMapping(next.unknownNames, next.proposedMapping));
    setDryRun(null);
  }

  async function commit(trial: boolean) {
    if (!preview?.pack) return;
    setBusy(true);
    try {
      const result = await api.post<ImportCommitResult>('/api/plans/import/commit', { pack: preview.pack, mapping: mappingToSend(mapping), dryRun: trial });
      if (trial) setDryRun(result);
      else setDone(result);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const step = done ? 3 : dryRun ? 2 : preview ? 1 : 0;
  const counts = (result: ImportCommitResult) => t('planImport.counts', result.counts);

  return (
    <Card size="small" title={t('planNav.import')}>
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={[{ title: t('planImport.stepUpload') }, { title: t('planImport.stepMap') }, { title: t('planImport.stepDryRun') }, { title: t('planImport.stepCommit') }]} />
      {done ? (
        <Result
          status="success"
          title={t('planImport.imported')}
          subTitle={counts(done)}
          extra={done.planId && <Link to={`/plans/${done.planId}`} data-testid="import-open-plan">{t('planImport.openPlan')}</Link>}
          data-testid="import-done"
        />
      ) : !preview ? (
        <ImportForm onPreview={previewed} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'title', label: t('plans.planTitle'), children: preview.plan.title },
              { key: 'region', label: t('plans.region'), children: preview.plan.regionName },
              { key: 'period', label: t('plans.period'), children: `${preview.plan.start} ~ ${preview.plan.end}` },
              { key: 'leadRule', label: t('plans.leadRule'), children: t(`leadRules.${preview.plan.leadRule}`) },
              { key: 'counts', label: t('plans.tasks'), children: t('planImport.taskTargetCounts', { tasks: preview.plan.taskCount, targets: preview.plan.targetCount }) },
            ]}
          />
          <ImportProblems preview={preview} />
          <ImportTasksTable tasks={preview.tasks} />
          {preview.unknownNames.length > 0 && (
            <>
              <Divider titlePlacement="start">{t('planImport.mapping', { count: preview.unknownNames.length })}</Divider>
              {preview.unknownNames.map((name) => (
                <NameMappingRow
                  key={name}
                  name={name}
                  value={mapping[name]}
                  regionCode={preview.plan.regionCode}
                  onChange={(value) => {
                    setMapping((draft) => ({ ...draft, [name]: value }));
                    setDryRun(null);
                  }}
                />
              ))}
            </>
          )}
          {missing.length > 0 && <Typography.Text type="warning">{t('planImport.stillUnmapped', { names: missing.join('、') })}</Typography.Text>}
          {dryRun && <Alert type="info" showIcon title={t('planImport.dryRunResult')} description={counts(dryRun)} data-testid="import-dry-run-result" />}
          <Space>
            <Button onClick={() => setPreview(null)}>{t('planImport.startOver')}</Button>
            <Button disabled={!ready} loading={busy && !dryRun} onClick={() => void commit(true)} data-testid="import-dry-run">
              {t('planImport.dryRun')}
            </Button>
            <Button type="primary" disabled={!ready || !dryRun} loading={busy && dryRun !== null} onClick={() => void commit(false)} data-testid="import-commit">
              {t('planImport.commit')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
