/** The routes of matching, runs and what-if as one plugin, registered by the server. */
import type { FastifyInstance } from 'fastify';
import { matchingRoutes } from './matching/matching.routes.ts';
import { onlineApplicationsRoutes } from './online/online-applications.routes.ts';
import { runsRoutes } from './runs/runs.routes.ts';

/** Registers 不来即享 matching and applying online from it, batch and proactive runs, the newly eligible and what-if. */
export async function benefitMatchingRoutes(instance: FastifyInstance): Promise<void> {
  await instance.register(matchingRoutes);
  await instance.register(onlineApplicationsRoutes);
  await instance.register(runsRoutes);
}
