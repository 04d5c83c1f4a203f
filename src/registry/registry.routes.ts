/** HTTP routes of the registries of persons, households and enterprises: validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../contracts/common.contract.ts';
import {
  addEmploymentInput,
  addGroupInput,
  addTrainingInput,
  createEnterpriseInput,
  createHouseholdInput,
  createPersonInput,
  endEmploymentInput,
  endGroupInput,
  enterpriseDetail,
  householdDetail,
  isoDate,
  listEnterprisesQuery,
  listHouseholdsQuery,
  listPersonsQuery,
  personDetail,
  personSummary,
  updateEnterpriseInput,
  updatePersonInput,
} from '../contracts/registry.contract.ts';
import { chinaDate } from '../kernel/periods.ts';
import { commonErrors, inTransaction, requireUser, typed } from '../http/route-kit.ts';
import { addEmployment, addTraining, endEmployment } from './employment.service.ts';
import { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.ts';
import { registryImportRoutes } from './registry-import.routes.ts';
import { createHousehold, getHousehold, listHouseholds } from './households.service.ts';
import { addPersonGroup, createPerson, endPersonGroup, getPerson, listPersons, updatePerson } from './persons.service.ts';

const idParams = z.strictObject({ id: z.uuid() });
const tags = ['registry'];

/** Registers the registry routes under /api/registry, imports included. */
export async function registryRoutes(instance: FastifyInstance): Promise<void> {
  await instance.register(registryImportRoutes);
  const app = typed(instance);
  const detail = { 200: personDetail, ...commonErrors };

  app.get(
    '/api/registry/persons',
    { schema: { tags, summary: 'Persons the user may see, by name or full identity number', querystring: listPersonsQuery, response: { 200: pageOf(personSummary), ...commonErrors } } },
    async (request) => {
      const { q, region, group, limit, offset } = request.query;
      return listPersons(app.services.db, requireUser(request), { query: q || undefined, regionCode: region, group, limit, offset });
    },
  );

  app.post(
    '/api/registry/persons',
    { schema: { tags, summary: 'Register a person', body: createPersonInput, response: { 201: personDetail, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => createPerson(context, user, request.body));
      reply.code(201);
      return getPerson(app.services.db, user, id);
    },
  );

  app.get('/api/registry/persons/:id', { schema: { tags, summary: 'One person', params: idParams, response: detail } }, async (request) =>
    getPerson(app.services.db, requireUser(request), request.params.id),
  );

  app.patch('/api/registry/persons/:id', { schema: { tags, summary: 'Change a person', params: idParams, body: updatePersonInput, response: detail } }, async (request) => {
    const user = requireUser(request);
    await inTransaction(request, (context) => updatePerson(context, user, request.params.id, request.body));
    return getPerson(app.services.db, user, request.params.id);
  });

  app.post('/api/registry/persons/:id/groups', { schema: { tags, summary: 'Add a dated group membership', params: idParams, body: addGroupInput, response: detail } }, async (request) => {
    const user = requireUser(request);
    await inTransaction(request, (context) => addPersonGroup(context, user, request.params.id, request.body));
    return getPerson(app.services.db, user, request.params.id);
  });

  app.patch(
    '/api/registry/persons/:id/groups/:groupId',
    { schema: { tags, summary: 'End (or reopen) a group membership', params: z.strictObject({ id: z.uuid(), groupId: z.uuid() }), body: endGroupInput, response: detail } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => endPersonGroup(context, user, request.params.id, request.params.groupId, request.body.endDate));
      return getPerson(app.services.db, user, request.params.id);
    },
  );

  app.post('/api/registry/persons/:id/employment', { schema: { tags, summary: 'Record a spell of employment', params: idParams, body: addEmploymentInput, response: detail } }, async (request) => {
    const user = requireUser(request);
    await inTransaction(request, (context) => addEmployment(context, user, request.params.id, request.body));
    return getPerson(app.services.db, user, request.params.id);
  });

  app.patch('/api/registry/employment/:id', { schema: { tags, summary: 'End (or reopen) a spell of employment', params: idParams, body: endEmploymentInput, response: detail } }, async (request) => {
    const user = requireUser(request);
    const personId = await inTransaction(request, (context) => endEmployment(context, user, request.params.id, request.body.endDate));
    return getPerson(app.services.db, user, personId);
  });

  app.post('/api/registry/persons/:id/training', { schema: { tags, summary: 'Record a training course', params: idParams, body: addTrainingInput, response: detail } }, async (request) => {
    const user = requireUser(request);
    await inTransaction(request, (context) => addTraining(context, user, request.params.id, request.body));
    return getPerson(app.services.db, user, request.params.id);
  });

  app.get(
    '/api/registry/households',
    { schema: { tags, summary: 'Households, optionally only zero-employment households (零就业家庭) on a date', querystring: listHouseholdsQuery, response: { 200: pageOf(householdDetail), ...commonErrors } } },
    async (request) => {
      const { region, zeroEmployment, onDate, limit, offset } = request.query;
      return listHouseholds(app.services.db, requireUser(request), {
        regionCode: region,
        zeroEmployment: zeroEmployment === undefined ? undefined : zeroEmployment === 'true',
        onDate: onDate ?? chinaDate(app.services.clock()),
        limit,
        offset,
      });
    },
  );

  app.post('/api/registry/households', { schema: { tags, summary: 'Register a household', body: createHouseholdInput, response: { 201: householdDetail, ...commonErrors } } }, async (request, reply) => {
    const user = requireUser(request);
    const id = await inTransaction(request, (context) => createHousehold(context, user, request.body));
    reply.code(201);
    return getHousehold(app.services.db, user, id, chinaDate(app.services.clock()));
  });

  app.get(
    '/api/registry/households/:id',
    { schema: { tags, summary: 'One household with its members', params: idParams, querystring: z.strictObject({ onDate: isoDate.optional() }), response: { 200: householdDetail, ...commonErrors } } },
    async (request) => getHousehold(app.services.db, requireUser(request), request.params.id, request.query.onDate ?? chinaDate(app.services.clock())),
  );

  app.get(
    '/api/registry/enterprises',
    { schema: { tags, summary: 'Enterprises the user may see (an enterprise account: only its own)', querystring: listEnterprisesQuery, response: { 200: pageOf(enterpriseDetail), ...commonErrors } } },
    async (request) => {
      const { q, region, sizeClass, limit, offset } = request.query;
      return listEnterprises(app.services.db, requireUser(request), { query: q || undefined, regionCode: region, sizeClass, limit, offset });
    },
  );

  app.post('/api/registry/enterprises', { schema: { tags, summary: 'Register an enterprise', body: createEnterpriseInput, response: { 201: enterpriseDetail, ...commonErrors } } }, async (request, reply) => {
    const user = requireUser(request);
    const id = await inTransaction(request, (context) => createEnterprise(context, user, request.body));
    reply.code(201);
    return getEnterprise(app.services.db, user, id);
  });

  app.get('/api/registry/enterprises/:id', { schema: { tags, summary: 'One enterprise', params: idParams, response: { 200: enterpriseDetail, ...commonErrors } } }, async (request) =>
    getEnterprise(app.services.db, requireUser(request), request.params.id),
  );

  app.patch(
    '/api/registry/enterprises/:id',
    { schema: { tags, summary: 'Change an enterprise (its size class is recomputed)', params: idParams, body: updateEnterpriseInput, response: { 200: enterpriseDetail, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => updateEnterprise(context, user, request.params.id, request.body));
      return getEnterprise(app.services.db, user, request.params.id);
    },
  );
}
