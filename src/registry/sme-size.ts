/**
 * Enterprise size classes by the 2011 SME standard (《中小企业划型标准规定》, 工信部联企业〔2011〕300号).
 * Each industry group has an upper limit (below it an enterprise is small or medium-sized at all) and
 * lower bounds for medium and small; an enterprise must meet every lower bound of a class, else it falls
 * one class down (the standard's note on combined indicators); micro is what remains. Thresholds are in
 * persons (从业人员 X), revenue (营业收入 Y) and total assets (资产总额 Z), money in integer fen.
 * Industries are GB/T 4754 codes: a section letter, optionally with its division (2 digits) or class (4).
 */
import type { SizeClass } from '../contracts/registry-constants.ts';

/** What the standard reads. Money in fen; a missing figure is null. */
export interface SizeInput {
  industry: string;
  employees: number | null;
  revenueFen: number | null;
  assetsFen: number | null;
}

/** The size class, or why none can be given. */
export type SizeResult =
  | { ok: true; sizeClass: SizeClass; group: IndustryGroup }
  | { ok: false; reason: 'industry_needs_division' | 'industry_not_covered' | 'missing_figure'; group: IndustryGroup | null };

type Measure = 'employees' | 'revenue' | 'assets';
/** Lower bounds a class requires, all of them (persons, or 万元). */
type Bounds = Partial<Record<Measure, number>>;

interface GroupRule {
  zh: string;
  /** Below any one of these an enterprise is an SME; at or above all of them it is large. */
  upper: Bounds;
  medium: Bounds;
  small: Bounds;
}

/** One industry group of the standard. */
export type IndustryGroup = keyof typeof rules;

/** The standard's table, in persons and 万元 as printed. */
const rules = {
  agriculture: { zh: '农、林、牧、渔业', upper: { revenue: 20000 }, medium: { revenue: 500 }, small: { revenue: 50 } },
  industry: { zh: '工业', upper: { employees: 1000, revenue: 40000 }, medium: { employees: 300, revenue: 2000 }, small: { employees: 20, revenue: 300 } },
  construction: { zh: '建筑业', upper: { revenue: 80000, assets: 80000 }, medium: { revenue: 6000, assets: 5000 }, small: { revenue: 300, assets: 300 } },
  wholesale: { zh: '批发业', upper: { employees: 200, revenue: 40000 }, medium: { employees: 20, revenue: 5000 }, small: { employees: 5, revenue: 1000 } },
  retail: { zh: '零售业', upper: { employees: 300, revenue: 20000 }, medium: { employees: 50, revenue: 500 }, small: { employees: 10, revenue: 100 } },
  transport: { zh: '交通运输业', upper: { employees: 1000, revenue: 30000 }, medium: { employees: 300, revenue: 3000 }, small: { employees: 20, revenue: 200 } },
  warehousing: { zh: '仓储业', upper: { employees: 200, revenue: 30000 }, medium: { employees: 100, revenue: 1000 }, small: { employees: 20, revenue: 100 } },
  postal: { zh: '邮政业', upper: { employees: 1000, revenue: 30000 }, medium: { employees: 300, revenue: 2000 }, small: { employees: 20, revenue: 100 } },
  accommodation: { zh: '住宿业', upper: { employees: 300, revenue: 10000 }, medium: { employees: 100, revenue: 2000 }, small: { employees: 10, revenue: 100 } },
  catering: { zh: '餐饮业', upper: { employees: 300, revenue: 10000 }, medium: { employees: 100, revenue: 2000 }, small: { employees: 10, revenue: 100 } },
  telecom: { zh: '信息传输业', upper: { employees: 2000, revenue: 100000 }, medium: { employees: 100, revenue: 1000 }, small: { employees: 10, revenue: 100 } },
  software: { zh: '软件和信息技术服务业', upper: { employees: 300, revenue: 10000 }, medium: { employees: 100, revenue: 1000 }, small: { employees: 10, revenue: 50 } },
  real_estate_development: { zh: '房地产开发经营', upper: { revenue: 200000, assets: 10000 }, medium: { revenue: 1000, assets: 5000 }, small: { revenue: 100, assets: 2000 } },
  property_management: { zh: '物业管理', upper: { employees: 1000, revenue: 5000 }, medium: { employees: 300, revenue: 1000 }, small: { employees: 100, revenue: 500 } },
  leasing_business: { zh: '租赁和商务服务业', upper: { employees: 300, assets: 120000 }, medium: { employees: 100, assets: 8000 }, small: { employees: 10, assets: 100 } },
  other: { zh: '其他未列明行业', upper: { employees: 300 }, medium: { employees: 100 }, small: { employees: 10 } },
} satisfies Record<string, GroupRule>;

/** The Chinese name of an industry group as the standard prints it. */
export function industryGroupName(group: IndustryGroup): string {
  return rules[group].zh;
}

const fenPerTenThousandYuan = 1_000_000;

/**
 * The standard's industry group for a GB/T 4754 code, or why there is none: sections F, G, H, I and K
 * split by division, and finance (J) and public bodies (S, T) are outside the 2011 standard.
 */
export function industryGroup(industry: string): IndustryGroup | 'industry_needs_division' | 'industry_not_covered' {
  const section = industry.charAt(0);
  const division = industry.slice(1, 3);
  const detail = industry.slice(1, 5);
  switch (section) {
    case 'A':
      return 'agriculture';
    case 'B':
    case 'C':
    case 'D':
      return 'industry';
    case 'E':
      return 'construction';
    case 'F':
      if (division === '') return 'industry_needs_division';
      return division === '51' ? 'wholesale' : division === '52' ? 'retail' : 'industry_not_covered';
    case 'G':
      if (division === '') return 'industry_needs_division';
      return division === '59' ? 'warehousing' : division === '60' ? 'postal' : 'transport';
    case 'H':
      if (division === '') return 'industry_needs_division';
      return division === '61' ? 'accommodation' : division === '62' ? 'catering' : 'industry_not_covered';
    case 'I':
      if (division === '') return 'industry_needs_division';
      return division === '65' ? 'software' : division === '63' || division === '64' ? 'telecom' : 'industry_not_covered';
    case 'K':
      if (detail.length < 4) return 'industry_needs_division';
      return detail === '7010' ? 'real_estate_development' : detail === '7020' ? 'property_management' : 'other';
    case 'L':
      return 'leasing_business';
    case 'M':
    case 'N':
    case 'O':
    case 'P':
    case 'Q':
    case 'R':
      return 'other';
    default:
      return 'industry_not_covered';
  }
}

function figureOf(input: SizeInput, measure: Measure): number | null {
  if (measure === 'employees') return input.employees;
  const fen = measure === 'revenue' ? input.revenueFen : input.assetsFen;
  return fen === null ? null : fen / fenPerTenThousandYuan;
}

function meetsAll(input: SizeInput, bounds: Bounds): boolean {
  return (Object.entries(bounds) as [Measure, number][]).every(([measure, bound]) => (figureOf(input, measure) ?? 0) >= bound);
}

/** The size class of an enterprise by the 2011 SME standard. */
export function smeSizeClass(input: SizeInput): SizeResult {
  const found = industryGroup(input.industry);
  if (found === 'industry_needs_division' || found === 'industry_not_covered') return { ok: false, reason: found, group: null };
  const rule: GroupRule = rules[found];
  const needed = new Set(Object.keys(rule.upper) as Measure[]);
  if ([...needed].some((measure) => figureOf(input, measure) === null)) return { ok: false, reason: 'missing_figure', group: found };
  const sizeClass: SizeClass = meetsAll(input, rule.upper)
    ? 'large'
    : meetsAll(input, rule.medium)
      ? 'medium'
      : meetsAll(input, rule.small)
        ? 'small'
        : 'micro';
  return { ok: true, sizeClass, group: found };
}
