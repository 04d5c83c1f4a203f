/** A plan's facts (文号, issuer, region, dates) and how the document designates lead units. */
import { Alert, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegionNames } from './useRegionNames.ts';
import type { PlanDetail } from '../../types.ts';

/** The facts, and an alert saying where leads come from (or that there are none). */
export function PlanFacts({ plan }: { plan: PlanDetail }) {
  const { t } = useTranslation();
  const regionName = useRegionNames([plan.regionCode])[plan.regionCode];
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'docNumber', label: t('plans.docNumber'), children: plan.docNumber ?? t('plans.noDocNumber') },
          { key: 'issuer', label: t('plans.issuer'), children: plan.issuer ?? '—' },
          { key: 'region', label: t('plans.region'), children: regionName },
          { key: 'issuedOn', label: t('plans.issuedOn'), children: plan.issuedOn ?? '—' },
          { key: 'period', label: t('plans.period'), children: `${plan.start} ~ ${plan.end}` },
          { key: 'leadRule', label: t('plans.leadRule'), children: t(`leadRules.${plan.leadRule}`) },
        ]}
      />
      <Alert
        type={plan.leadRule === 'none' ? 'warning' : 'info'}
        showIcon
        title={t(`leadRuleNotes.${plan.leadRule}`)}
        data-testid="plan-lead-rule"
        style={{ marginTop: 8 }}
      />
    </>
  );
}
