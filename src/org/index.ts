/** Org: the region tree and the units inside it. Other domains use only what is exported here. */
export { orgRoutes } from './org.routes.ts';
export { importRegions, parseRootCodes, type RegionImportSummary } from './regions.import.ts';
export { getRegion, listRegionChildren, regionExists, searchRegions } from './regions.service.ts';
export { createUnit, findUnitsByName, getUnit, listUnits, updateUnit, addUnitAlias, replaceUnitContacts } from './units.service.ts';
export { canManageUnits, canReadUnit } from './org.policy.ts';
export type { CreateUnitInput, ParsedCreateUnitInput } from '../contracts/org.contract.ts';
