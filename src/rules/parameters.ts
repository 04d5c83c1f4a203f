/**
 * Dated parameters: an amount or a limit that changes on dates, each value with the document (文号 and
 * clause) that set it. A county parameter holds values per county, and has none until the county sets
 * one: the seeds leave such amounts to the counties, and the engine never invents them.
 */
import type { LocalizedText } from '../kernel/errors.ts';
import type { ParameterUse } from './evaluate.ts';
import { dateOfDay } from './functions.ts';
import type { RuleType } from './types.ts';

/** One value of a parameter, in force from a date (or from the start, when `from` is absent). */
export interface DatedValue {
  from?: string;
  /** the day number of `from` */
  fromDay: number;
  value: number | string | boolean;
  reference: string;
}

/** A parameter of a pack. */
export interface Parameter {
  name: string;
  type: RuleType;
  label: LocalizedText;
  unit?: string;
  /** `county`: each county sets its own value; `general`: one value for everyone */
  scope: 'general' | 'county';
  /** the values of a general parameter, by date */
  values: DatedValue[];
  /** the values each county set, by county code */
  counties: Map<string, DatedValue[]>;
  /** the lowest and highest value a county may set, where the source gives a range */
  range?: [number, number];
  /** the document and clause that create the parameter */
  reference: string;
}

/** The value in force on `day` among values sorted by date, or undefined before the first one. */
export function valueOn(values: DatedValue[], day: number): DatedValue | undefined {
  let found: DatedValue | undefined;
  for (const value of values) {
    if (value.fromDay <= day) found = value;
    else break;
  }
  return found;
}

/** The parameter's value on `day` for the county, as the explanation shows it, or undefined when none is set. */
export function parameterOn(parameter: Parameter, day: number, county: string | undefined): ParameterUse | undefined {
  const values = parameter.scope === 'county' ? (county === undefined ? undefined : parameter.counties.get(county)) : parameter.values;
  const value = values ? valueOn(values, day) : undefined;
  if (!value) return undefined;
  const use: ParameterUse = { name: parameter.name, value: value.value, reference: value.reference };
  if (value.from) use.from = value.from;
  if (parameter.scope === 'county' && county !== undefined) use.name = `${parameter.name}@${county}`;
  return use;
}

/** The dates on which any of the parameters changes: where boundary tests belong. */
export function changeDates(parameters: Iterable<Parameter>): string[] {
  const days = new Set<number>();
  for (const parameter of parameters) {
    for (const value of parameter.values) if (value.from) days.add(value.fromDay);
    for (const values of parameter.counties.values()) for (const value of values) if (value.from) days.add(value.fromDay);
  }
  return [...days].sort((a, b) => a - b).map(dateOfDay);
}
