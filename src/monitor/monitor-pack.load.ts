/**
 * Loads a monitor pack through the same service functions the API uses, so a pack can do nothing a
 * coordinator could not. Loading is idempotent: an indicator, form or rule whose code exists is left as it
 * is (a coordinator may have edited its thresholds since), which is what first start needs on every start.
 */
import { createRuleInput } from '../contracts/monitor-warnings.contract.ts';
import type { Actor } from '../kernel/actor.ts';
import { findUnitsByName } from '../org/index.ts';
import type { WriteContext } from '../store/audit.ts';
import { createForm } from './forms.service.ts';
import { createIndicator } from './indicators.service.ts';
import { MonitorPackError, type MonitorPack, type PackWarningRule } from './monitor-pack.ts';
import { createWarningRule } from './warnings/rules.service.ts';

/** What loading a pack added. */
export interface MonitorPackSummary {
  indicatorsCreated: number;
  formsCreated: number;
  rulesCreated: number;
}

/** Creates the pack's indicators, forms and warning rules that do not exist yet. */
export async function loadMonitorPack(context: WriteContext, actor: Actor, pack: MonitorPack, file: string): Promise<MonitorPackSummary> {
  const summary: MonitorPackSummary = { indicatorsCreated: 0, formsCreated: 0, rulesCreated: 0 };
  const existing = await existingCodes(context);
  for (const indicator of pack.indicators) {
    if (existing.indicators.has(indicator.code)) continue;
    await createIndicator(context, actor, indicator);
    summary.indicatorsCreated += 1;
  }
  for (const form of pack.forms) {
    if (existing.forms.has(form.code)) continue;
    await createForm(context, actor, form);
    summary.formsCreated += 1;
  }
  for (const [index, rule] of pack.warningRules.entries()) {
    if (existing.rules.has(rule.code)) continue;
    await createWarningRule(context, actor, await resolveRule(context, rule, `${file}: warningRules.${index}`));
    summary.rulesCreated += 1;
  }
  return summary;
}

async function existingCodes(context: WriteContext) {
  const [indicators, forms, rules] = await Promise.all([
    context.db.selectFrom('monitor_indicator').select('code').execute(),
    context.db.selectFrom('monitor_form').select('code').execute(),
    context.db.selectFrom('monitor_warning_rule').select('code').execute(),
  ]);
  const codes = (rows: { code: string }[]) => new Set(rows.map((row) => row.code));
  return { indicators: codes(indicators), forms: codes(forms), rules: codes(rules) };
}

/** Turns a pack rule into the API's rule input: the indicator by id, the named units by id. */
async function resolveRule(context: WriteContext, rule: PackWarningRule, where: string) {
  const { indicator: indicatorCode, response, ...rest } = rule;
  const indicator = await context.db.selectFrom('monitor_indicator').select('id').where('code', '=', indicatorCode).executeTakeFirst();
  if (!indicator) throw new MonitorPackError(where, [`indicator: ${indicatorCode} does not exist`]);
  const scope = typeof rest['scopeRegionCode'] === 'string' ? rest['scopeRegionCode'] : '';
  const resolvedResponse: Record<string, unknown> = {};
  for (const [level, plan] of Object.entries(response)) {
    if (!plan) continue;
    const { notifyUnits, ...planRest } = plan;
    const unitIds = await Promise.all(notifyUnits.map((name) => unitIdByName(context, name, scope, `${where}.response.${level}`)));
    const named = Array.isArray(planRest['unitIds']) ? (planRest['unitIds'] as string[]) : [];
    resolvedResponse[level] = { ...planRest, unitIds: [...named, ...unitIds] };
  }
  const parsed = createRuleInput.safeParse({ ...rest, indicatorId: indicator.id, response: resolvedResponse });
  if (!parsed.success) throw new MonitorPackError(where, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return parsed.data;
}

/** The one unit a document's name means inside the scope; none or several is an error in the pack. */
async function unitIdByName(context: WriteContext, name: string, scope: string, where: string): Promise<string> {
  const found = await findUnitsByName(context.db, name, scope);
  if (found.length !== 1) {
    throw new MonitorPackError(where, [`notifyUnits: ${name} names ${found.length} units in ${scope}; it must name exactly one`]);
  }
  return found[0]!.id;
}
