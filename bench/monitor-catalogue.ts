/**
 * The synthetic province the monitoring benchmark runs on: its region tree (codes in the 99 range, which no
 * real province uses) and a catalogue of 100 indicators shaped like a real deployment's: most entered by
 * counties (monthly sums and stocks, staple prices as means), a handful entered by townships, a dozen by
 * villages (which is where almost all the values are), and formula indicators over them.
 */

/** The province's code: 99 is unused by GB/T 2260. */
export const benchProvince = '990000';

/** The shape of the synthetic province. */
export const provinceShape = {
  prefectures: 15,
  counties: 100,
  townships: 1_500,
  villages: 20_000,
  months: 36,
  /** The first month with data; the last is 35 months later. */
  firstMonth: '2023-01',
} as const;

/** The last month with data (the dashboards are read for it). */
export const lastMonth = '2025-12';

/** One indicator of the benchmark catalogue. */
export interface BenchIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  level: 'village' | 'township' | 'county' | 'formula';
  regionAggregation: 'sum' | 'mean' | 'formula';
  timeAggregation: 'sum' | 'last' | 'mean';
  valueType: 'integer' | 'decimal' | 'percent';
  decimals: number;
  formula?: string;
  dashboardPosition?: number;
  /** Generated values lie in [base, base + spread) (hundredths for decimals). */
  base: number;
  spread: number;
}

type Spec = [code: string, nameZh: string, nameEn: string, unit: string, region: 'sum' | 'mean', time: 'sum' | 'last' | 'mean', base: number, spread: number, dashboard?: number];

function stored(level: BenchIndicator['level'], [code, nameZh, nameEn, unit, region, time, base, spread, dashboard]: Spec, decimals = 0): BenchIndicator {
  return {
    code,
    nameZh,
    nameEn,
    unit,
    level,
    regionAggregation: region,
    timeAggregation: time,
    valueType: decimals > 0 ? 'decimal' : 'integer',
    decimals,
    base,
    spread,
    ...(dashboard !== undefined && { dashboardPosition: dashboard }),
  };
}

const villageIndicators: BenchIndicator[] = [
  stored('village', ['rural_households', '农户数', 'Rural households', '户', 'sum', 'last', 250, 200]),
  stored('village', ['rural_labour_force', '农村劳动力', 'Rural labour force', '人', 'sum', 'last', 500, 400]),
  stored('village', ['migrant_workers_out', '外出务工人数', 'Migrant workers away', '人', 'sum', 'last', 200, 200, 6]),
  stored('village', ['migrant_workers_returned', '返乡人数', 'Migrant workers returned', '人', 'sum', 'sum', 0, 30, 7]),
  stored('village', ['poverty_risk_households', '防返贫监测户', 'Households at risk of returning to poverty', '户', 'sum', 'last', 0, 15, 8]),
  stored('village', ['public_welfare_jobs', '公益性岗位在岗人数', 'People in public-welfare jobs', '人', 'sum', 'last', 2, 10, 10]),
  stored('village', ['workshop_employees', '帮扶车间就业人数', 'People employed in assistance workshops', '人', 'sum', 'last', 0, 40]),
  stored('village', ['training_participants', '技能培训人次', 'Skills training attendances', '人次', 'sum', 'sum', 0, 25, 11]),
  stored('village', ['cooperative_members', '合作社社员', 'Cooperative members', '人', 'sum', 'last', 20, 80]),
  stored('village', ['unsold_produce_tonnes', '滞销农产品', 'Unsold produce', '吨', 'sum', 'last', 0, 5000, 12], 1),
  stored('village', ['village_collective_income', '村集体经济收入', 'Village collective income', '万元', 'sum', 'sum', 0, 200_000], 2),
  stored('village', ['ecommerce_sales', '电商销售额', 'E-commerce sales', '万元', 'sum', 'sum', 0, 100_000], 2),
  stored('village', ['household_income_mean', '农户人均可支配收入', 'Disposable income per person', '元', 'mean', 'mean', 800, 700]),
];

const townshipIndicators: BenchIndicator[] = [
  stored('township', ['township_new_jobs', '乡镇新增就业', 'New jobs (township)', '人', 'sum', 'sum', 5, 60]),
  stored('township', ['township_labour_transfers', '劳务输出', 'Organised labour transfers', '人', 'sum', 'sum', 10, 150]),
  stored('township', ['township_job_fairs', '招聘会场次', 'Job fairs held', '场', 'sum', 'sum', 0, 4]),
  stored('township', ['township_household_visits', '入户走访', 'Household visits', '户', 'sum', 'sum', 50, 400]),
  stored('township', ['township_grid_staff', '网格员', 'Grid workers', '人', 'sum', 'last', 10, 30]),
  stored('township', ['township_wage_arrears_leads', '欠薪线索', 'Wage-arrears leads', '件', 'sum', 'sum', 0, 6]),
];

const namedCountyIndicators: BenchIndicator[] = [
  stored('county', ['registered_unemployed', '登记失业人数', 'Registered unemployed', '人', 'sum', 'last', 250, 250]),
  stored('county', ['urban_labour_force', '城镇劳动力', 'Urban labour force', '人', 'sum', 'last', 7_000, 5_000]),
  stored('county', ['urban_new_jobs', '城镇新增就业', 'New urban jobs', '人', 'sum', 'sum', 100, 400, 2]),
  stored('county', ['grain_stock', '原粮库存', 'Grain stock', '吨', 'sum', 'last', 2_000, 3_000]),
  stored('county', ['grain_daily_consumption', '原粮日均消费', 'Daily grain consumption', '吨', 'sum', 'mean', 150, 100]),
  stored('county', ['treasury_usable_balance', '可用库款', 'Usable treasury balance', '万元', 'sum', 'last', 20_000, 40_000]),
  stored('county', ['treasury_monthly_outflow', '月均库款流出', 'Average monthly treasury outflow', '万元', 'sum', 'mean', 15_000, 15_000]),
  stored('county', ['temporary_advances', '暂付款', 'Temporary advances', '万元', 'sum', 'last', 500, 3_000]),
  stored('county', ['general_budget_expenditure', '一般公共预算支出', 'General public budget expenditure', '万元', 'sum', 'sum', 20_000, 30_000]),
  stored('county', ['fund_budget_expenditure', '政府性基金预算支出', 'Government fund budget expenditure', '万元', 'sum', 'sum', 3_000, 10_000]),
  stored('county', ['enterprise_layoffs', '监测企业减员', 'Layoffs at monitored enterprises', '人', 'sum', 'sum', 0, 120, 9]),
  stored('county', ['pork_price', '猪肉价格', 'Pork price', '元/公斤', 'mean', 'mean', 2_400, 1_000, 5], 2),
  stored('county', ['rice_price', '大米价格', 'Rice price', '元/公斤', 'mean', 'mean', 500, 200], 2),
  stored('county', ['flour_price', '面粉价格', 'Flour price', '元/公斤', 'mean', 'mean', 400, 150], 2),
  stored('county', ['egg_price', '鸡蛋价格', 'Egg price', '元/公斤', 'mean', 'mean', 900, 400], 2),
  stored('county', ['cabbage_price', '大白菜价格', 'Cabbage price', '元/公斤', 'mean', 'mean', 150, 250], 2),
  stored('county', ['edible_oil_price', '食用油价格', 'Edible oil price', '元/升', 'mean', 'mean', 1_400, 500], 2),
  stored('county', ['average_monthly_wage', '城镇职工月平均工资', 'Average monthly wage', '元', 'mean', 'mean', 4_500, 3_000]),
];

/** The further county figures (57 with the named ones making 75): sums of flows, stocks that take the last month, one mean in ten. */
function genericCountyIndicators(count: number): BenchIndicator[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(2, '0');
    const kind = index % 10 === 9 ? 'mean' : index % 3 === 0 ? 'stock' : 'flow';
    return stored('county', [
      `county_${kind}_${number}`,
      `县级${kind === 'mean' ? '均值' : kind === 'stock' ? '存量' : '流量'}指标${number}`,
      `County ${kind} figure ${number}`,
      kind === 'mean' ? '元' : '人',
      kind === 'mean' ? 'mean' : 'sum',
      kind === 'mean' ? 'mean' : kind === 'stock' ? 'last' : 'sum',
      kind === 'mean' ? 1_000 : 0,
      kind === 'stock' ? 5_000 : 500,
    ]);
  });
}

function formula(code: string, nameZh: string, nameEn: string, unit: string, expression: string, dashboard?: number): BenchIndicator {
  return {
    code,
    nameZh,
    nameEn,
    unit,
    level: 'formula',
    regionAggregation: 'formula',
    timeAggregation: 'last',
    valueType: unit === '%' ? 'percent' : 'decimal',
    decimals: 2,
    formula: expression,
    base: 0,
    spread: 0,
    ...(dashboard !== undefined && { dashboardPosition: dashboard }),
  };
}

const formulaIndicators: BenchIndicator[] = [
  formula('registered_unemployment_rate', '城镇登记失业率', 'Registered unemployment rate', '%', 'registered_unemployed / urban_labour_force * 100', 1),
  formula('grain_days_of_supply', '原粮可供应天数', 'Days of grain supply', '天', 'grain_stock / grain_daily_consumption', 3),
  formula('treasury_coverage_months', '库款保障水平', 'Treasury coverage', '月', 'treasury_usable_balance / treasury_monthly_outflow', 4),
  formula('temporary_advance_share', '暂付款占比', 'Temporary advances share of expenditure', '%', 'temporary_advances / (general_budget_expenditure + fund_budget_expenditure) * 100', 13),
  formula('migrant_return_share', '返乡人员占比', 'Returned share of migrant workers', '%', 'migrant_workers_returned / migrant_workers_out * 100'),
  formula('poverty_risk_share', '监测户占比', 'Share of households at risk', '%', 'poverty_risk_households / rural_households * 100'),
];

/** Codes are prefixed so they never meet the default pack's indicators (first start loads those too). */
const codePrefix = 'p99_';

/** The benchmark's code for an indicator named without its prefix (`migrant_workers_out`). */
export function benchCode(name: string): string {
  return `${codePrefix}${name}`;
}

/** The 100 indicators: 13 entered by villages, 6 by townships, 75 by counties and 6 formulas. */
export const benchIndicators: BenchIndicator[] = [
  ...villageIndicators,
  ...townshipIndicators,
  ...namedCountyIndicators,
  ...genericCountyIndicators(75 - namedCountyIndicators.length),
  ...formulaIndicators,
].map((indicator) => ({
  ...indicator,
  code: benchCode(indicator.code),
  ...(indicator.formula !== undefined && { formula: indicator.formula.replace(/[a-z][a-z0-9_]*/g, benchCode) }),
}));

/** The number of regions of each level in the synthetic province. */
export const regionsPerLevel = { village: provinceShape.villages, township: provinceShape.townships, county: provinceShape.counties } as const;

/** The number of values the generator stores: every stored indicator × its level's regions × every month. */
export function expectedValueCount(): number {
  return benchIndicators
    .filter((indicator) => indicator.level !== 'formula')
    .reduce((total, indicator) => total + regionsPerLevel[indicator.level as keyof typeof regionsPerLevel] * provinceShape.months, 0);
}
