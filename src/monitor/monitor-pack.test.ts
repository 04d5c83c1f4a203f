import { describe, expect, it } from 'vitest';
import { checkFormRules } from './form-rules.ts';
import { readMonitorPack } from './monitor-pack.ts';

const pack = readMonitorPack(new URL('../../packs/monitor/indicators.yaml', import.meta.url).pathname);
const formOf = (code: string) => {
  const form = pack.forms.find((candidate) => candidate.code === code);
  if (!form) throw new Error(`no form ${code} in the pack`);
  return form;
};
/** The form's rules over the figures given (totals), as a filing would meet them. */
const check = (code: string, figures: Record<string, number>) => {
  const form = formOf(code);
  return checkFormRules({ rules: form.rules, values: new Map(Object.entries(figures)), indicators: form.indicators, history: new Map() }).errors;
};

describe('the default monitor pack', () => {
  it('refuses a partial enterprise monthly report, naming every figure left out', () => {
    const errors = check('enterprise_monthly', { ent_headcount_start: 100, ent_hires: 5 });
    expect(errors.map((issue) => [issue.kind, issue.code])).toEqual([
      ['required', 'ent_headcount_end'],
      ['required', 'ent_separations'],
      ['required', 'ent_layoffs'],
      ['required', 'ent_wage_arrears'],
    ]);
  });

  it('takes a county employment report without the optional transfer figures', () => {
    expect(check('county_employment_monthly', { urban_new_jobs: 120, registered_unemployed: 300, urban_employed: 9700 })).toEqual([]);
    expect(check('county_employment_monthly', { registered_unemployed: 300, urban_employed: 9700 }).map((issue) => issue.code)).toEqual(['urban_new_jobs']);
  });

  it('requires every indicator of a form unless the pack marks it optional', () => {
    for (const form of pack.forms) {
      const errors = check(form.code, {});
      expect(errors.map((issue) => issue.code), form.code).toEqual(form.indicators.filter((indicator) => indicator.required).map((indicator) => indicator.code));
    }
    const optional = pack.forms.flatMap((form) => form.indicators.filter((indicator) => !indicator.required).map((indicator) => `${form.code}.${indicator.code}`));
    expect(optional).toEqual([
      'county_employment_monthly.labour_transfer',
      'county_employment_monthly.poor_labour_transfer',
      'staple_prices_monthly.staple_price',
      'supply_enterprise_monthly.supply_stock',
      'supply_enterprise_monthly.supply_volume',
      'supply_enterprise_monthly.supply_sales',
    ]);
  });
});
