/**
 * The registry's checked lists as plain values: person groups (人员类别) with their Chinese names,
 * employment intents, enterprise kinds, size classes and employment location classes. The web app
 * imports these without Zod; the contracts and the importer build on them.
 */

/** Person groups a policy can target, each with its Chinese and English name. */
export const personGroups = {
  registered_poor: { zh: '建档立卡贫困劳动力', en: 'Registered poor (建档立卡)' },
  edge_poverty: { zh: '边缘易致贫户', en: 'At risk of poverty (边缘易致贫)' },
  graduate: { zh: '高校毕业生', en: 'College graduate' },
  veteran: { zh: '退役军人', en: 'Veteran' },
  disabled: { zh: '残疾人', en: 'Person with a disability' },
  registered_unemployed: { zh: '登记失业人员', en: 'Registered unemployed' },
  employment_difficulty: { zh: '就业困难人员', en: 'Person with employment difficulty' },
  migrant_worker: { zh: '农民工', en: 'Migrant worker' },
  returned_migrant: { zh: '返乡农民工', en: 'Returned migrant worker' },
  relocated: { zh: '易地扶贫搬迁群众', en: 'Relocated for poverty alleviation' },
  low_income: { zh: '城乡低保对象', en: 'Minimum-living-allowance recipient' },
} as const;

/** One person group code. */
export type PersonGroup = keyof typeof personGroups;

/** The person group codes in display order. */
export const personGroupCodes = Object.keys(personGroups) as PersonGroup[];

/** What a person intends to do about work. */
export const employmentIntents = {
  seeking_local: { zh: '就近就业', en: 'Work near home' },
  seeking_in_province: { zh: '省内就业', en: 'Work in the province' },
  seeking_out_of_province: { zh: '省外就业', en: 'Work outside the province' },
  entrepreneurship: { zh: '自主创业', en: 'Start a business' },
  not_seeking: { zh: '暂无就业意愿', en: 'Not seeking work' },
} as const;

/** One employment intent code. */
export type EmploymentIntent = keyof typeof employmentIntents;

/** The employment intent codes. */
export const employmentIntentCodes = Object.keys(employmentIntents) as EmploymentIntent[];

/** Kinds of market entity (市场主体). */
export const enterpriseKinds = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  individual_business: { zh: '个体工商户', en: 'Individual business' },
  cooperative: { zh: '农民专业合作社', en: 'Farmers’ cooperative' },
  family_farm: { zh: '家庭农场', en: 'Family farm' },
} as const;

/** One enterprise kind code. */
export type EnterpriseKind = keyof typeof enterpriseKinds;

/** The enterprise kind codes. */
export const enterpriseKindCodes = Object.keys(enterpriseKinds) as EnterpriseKind[];

/** Size classes of the 2011 SME standard (工信部联企业〔2011〕300号). */
export const sizeClasses = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
} as const;

/** One size class. */
export type SizeClass = keyof typeof sizeClasses;

/** The size classes, largest first. */
export const sizeClassCodes = Object.keys(sizeClasses) as SizeClass[];

/** Where a job is, seen from the worker's hukou: the same county, elsewhere in the province, or outside it. */
export const locationClasses = {
  in_county: { zh: '县内', en: 'In the county' },
  in_province: { zh: '省内县外', en: 'In the province' },
  out_of_province: { zh: '省外', en: 'Outside the province' },
  unknown: { zh: '未知', en: 'Unknown' },
} as const;

/** One location class. */
export type LocationClass = keyof typeof locationClasses;

/** The location class codes. */
export const locationClassCodes = Object.keys(locationClasses) as LocationClass[];

/** What a registry import reads. */
export const registryImportKinds = ['persons', 'enterprises', 'employment'] as const;

/** One import kind. */
export type RegistryImportKind = (typeof registryImportKinds)[number];

/** The states of an import. */
export const registryImportStatuses = ['reading', 'committing', 'committed', 'failed'] as const;

/** One import state. */
export type RegistryImportStatus = (typeof registryImportStatuses)[number];
