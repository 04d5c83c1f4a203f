/** Plans (督查督办): programmes as sections, tasks with responsible units, and targets with milestones. */
export { plansRoutes } from './plans.routes.ts';
export { getPlan, listPlans } from './plans.service.ts';
export { loadPlanPack, governmentName, type PackLoadSummary } from './plan-pack.load.ts';
export { parsePlanPack, readPlanPack, checkPlanPack, PlanPackError } from './plan-pack.ts';
