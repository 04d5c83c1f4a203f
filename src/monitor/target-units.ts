/**
 * Plan targets in the indicator's unit. A plan may set 城镇新增就业 in 万人 while the indicator counts 人: a
 * target is compared only when its unit converts to the indicator's by a known factor (the same unit, or a
 * Chinese magnitude of it: 人/万人, 元/万元/亿元, 吨/万吨, %); anything else is not compared, and says why.
 */
import type { LocalizedText } from '../kernel/errors.ts';

/** Each known unit as a multiple of its family's base unit. */
const knownUnits: Record<string, { family: string; factor: number }> = {
  人: { family: 'people', factor: 1 },
  万人: { family: 'people', factor: 10_000 },
  元: { family: 'money', factor: 1 },
  万元: { family: 'money', factor: 10_000 },
  亿元: { family: 'money', factor: 100_000_000 },
  吨: { family: 'mass', factor: 1 },
  万吨: { family: 'mass', factor: 10_000 },
  '%': { family: 'percent', factor: 1 },
};

/** The full-width per cent sign documents often use is the same unit as `%`. */
function normalUnit(unit: string): string {
  return unit.trim().replace('％', '%');
}

/** The factor that turns a figure in `from` into `to`, or the reason there is none. */
export type UnitConversion = { factor: number; reason: null } | { factor: null; reason: LocalizedText };

/** How a target in `targetUnit` converts to `indicatorUnit`: the factor to multiply by, or why it does not. */
export function unitConversion(targetUnit: string, indicatorUnit: string): UnitConversion {
  const from = normalUnit(targetUnit);
  const to = normalUnit(indicatorUnit);
  if (from === '' || to === '') {
    return { factor: null, reason: { zh: '目标或指标未注明单位，无法对照。', en: 'The target or the indicator has no unit, so they are not compared.' } };
  }
  if (from === to) return { factor: 1, reason: null };
  const source = knownUnits[from];
  const destination = knownUnits[to];
  if (!source || !destination || source.family !== destination.family) {
    return {
      factor: null,
      reason: { zh: `目标单位“${from}”无法换算为指标单位“${to}”，未作对照。`, en: `The target's unit "${from}" does not convert to the indicator's unit "${to}", so they are not compared.` },
    };
  }
  return { factor: source.factor / destination.factor, reason: null };
}

/** A target value in the indicator's unit, rounded off binary noise (1.8 万人 is 18000 人, not 18000.000000000004). */
export function convertTarget(value: number, factor: number): number {
  return Number((value * factor).toPrecision(12));
}
