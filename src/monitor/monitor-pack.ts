/**
 * The monitor pack format (`wenbao-monitor-pack/1`): default indicators, forms and warning rules as data,
 * each citing its source. Entries are the API's own create inputs (`POST /api/monitor/indicators`,
 * `/forms`, `/warning-rules`), so a pack says nothing the API could not, with two conveniences for people
 * writing packs by hand: a rule names its indicator by code, and a response level names the units to
 * notify as the document does (州人社局), resolved inside the rule's scope when the pack loads.
 * `docs/monitor-design.md` (Packs) describes the files under `packs/monitor/`.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { createFormInput, createIndicatorInput, monitorCode } from '../contracts/monitor.contract.ts';
import { levelNames } from '../contracts/monitor-warnings-constants.ts';
import { FormulaError, formulaCodes, parseFormula } from './formula.ts';

const unitName = z.string().trim().min(1).max(100);

/** One response level as a pack writes it: the contract's fields, plus units named as the document names them. */
const packResponseLevel = z.looseObject({ notifyUnits: z.array(unitName).max(50).default([]) });

/** A warning rule as a pack writes it; the rest of its fields are checked by the API's rule schema at load. */
export const packWarningRule = z.looseObject({
  code: z.string().min(1).max(80),
  indicator: monitorCode,
  response: z.partialRecord(z.enum(levelNames), packResponseLevel).default({}),
});

/** A whole pack file. */
export const monitorPack = z.strictObject({
  format: z.literal('wenbao-monitor-pack/1'),
  description: z.string().trim().min(1).max(2000),
  indicators: z.array(createIndicatorInput).max(500).default([]),
  forms: z.array(createFormInput).max(200).default([]),
  warningRules: z.array(packWarningRule).max(500).default([]),
});

/** A parsed monitor pack. */
export type MonitorPack = z.output<typeof monitorPack>;
/** A warning rule of a pack, before its indicator and units are resolved. */
export type PackWarningRule = z.output<typeof packWarningRule>;

/** A pack that cannot be read, with every problem found, each naming where it is. */
export class MonitorPackError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'MonitorPackError';
  }
}

/** Parses pack text (YAML or JSON) and checks what can be checked without a database. */
export function parseMonitorPack(source: string, file = 'pack'): MonitorPack {
  const parsed = monitorPack.safeParse(parseYaml(source));
  if (!parsed.success) {
    throw new MonitorPackError(file, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(pack)'}: ${issue.message}`));
  }
  const problems = checkMonitorPack(parsed.data);
  if (problems.length) throw new MonitorPackError(file, problems);
  return parsed.data;
}

/** Reads and parses a pack file. */
export function readMonitorPack(path: string): MonitorPack {
  return parseMonitorPack(readFileSync(path, 'utf8'), path);
}

/**
 * Codes unique within the pack, and formulas that only use indicators defined before them, so loading in
 * file order never meets a formula whose components are missing. Codes defined in other packs or already
 * in the database are checked at load.
 */
export function checkMonitorPack(pack: MonitorPack): string[] {
  const problems: string[] = [];
  const defined = new Set<string>();
  pack.indicators.forEach((indicator, index) => {
    if (defined.has(indicator.code)) problems.push(`indicators.${index}.code: ${indicator.code} is defined twice`);
    if (indicator.formula) {
      try {
        for (const code of formulaCodes(parseFormula(indicator.formula))) {
          if (!defined.has(code)) problems.push(`indicators.${index}.formula: ${code} is not defined before ${indicator.code}`);
        }
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        problems.push(`indicators.${index}.formula: ${error.message}`);
      }
    }
    defined.add(indicator.code);
  });
  const duplicates = (codes: string[], where: string) =>
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index) problems.push(`${where}.${index}.code: ${code} is defined twice`);
    });
  duplicates(pack.forms.map((form) => form.code), 'forms');
  duplicates(pack.warningRules.map((rule) => rule.code), 'warningRules');
  return problems;
}
