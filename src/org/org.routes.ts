/** HTTP routes for the region tree and units: validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../contracts/common.contract.ts';
import {
  addAliasInput,
  createUnitInput,
  listRegionsQuery,
  listUnitsQuery,
  regionCode,
  regionDetail,
  regionList,
  replaceContactsInput,
  unitDetail,
  unitSummary,
  updateUnitInput,
} from '../contracts/org.contract.ts';
import { commonErrors, inTransaction, requireUser, typed } from '../http/route-kit.ts';
import { getRegion, listRegionChildren, searchRegions } from './regions.service.ts';
import { addUnitAlias, createUnit, getUnit, listUnits, removeUnitAlias, replaceUnitContacts, updateUnit } from './units.service.ts';

const idParams = z.strictObject({ id: z.uuid() });

/** Registers the org routes under /api. */
export async function orgRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);

  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['org'],
        summary: 'Children of a region (the provinces when no parent is given), or regions matching a name',
        querystring: listRegionsQuery,
        response: { 200: regionList, ...commonErrors },
      },
    },
    async (request) => {
      requireUser(request);
      const { db } = app.services;
      const items = request.query.q ? await searchRegions(db, request.query.q, 50) : await listRegionChildren(db, request.query.parent);
      return { items };
    },
  );

  app.get(
    '/api/regions/:code',
    {
      schema: {
        tags: ['org'],
        summary: 'One region with its ancestors',
        params: z.strictObject({ code: regionCode }),
        response: { 200: regionDetail, ...commonErrors },
      },
    },
    async (request) => {
      requireUser(request);
      return getRegion(app.services.db, request.params.code);
    },
  );

  app.get(
    '/api/units',
    {
      schema: {
        tags: ['org'],
        summary: 'Units the user may see, optionally inside a region and matching a name or alias',
        querystring: listUnitsQuery,
        response: { 200: pageOf(unitSummary), ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { region: regionFilter, q, limit, offset } = request.query;
      return listUnits(app.services.db, user, { regionCode: regionFilter, query: q || undefined, limit, offset });
    },
  );

  app.get(
    '/api/units/:id',
    { schema: { tags: ['org'], summary: 'One unit', params: idParams, response: { 200: unitDetail, ...commonErrors } } },
    async (request) => getUnit(app.services.db, requireUser(request), request.params.id),
  );

  app.post(
    '/api/units',
    {
      schema: {
        tags: ['org'],
        summary: 'Create a unit with its aliases and contacts',
        body: createUnitInput,
        response: { 201: unitDetail, ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => createUnit(context, user, request.body));
      reply.code(201);
      return getUnit(app.services.db, user, id);
    },
  );

  app.patch(
    '/api/units/:id',
    {
      schema: { tags: ['org'], summary: 'Change a unit', params: idParams, body: updateUnitInput, response: { 200: unitDetail, ...commonErrors } },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => updateUnit(context, user, request.params.id, request.body));
      return getUnit(app.services.db, user, request.params.id);
    },
  );

  app.post(
    '/api/units/:id/aliases',
    {
      schema: {
        tags: ['org'],
        summary: 'Add a name the unit goes by in documents',
        params: idParams,
        body: addAliasInput,
        response: { 200: unitDetail, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => addUnitAlias(context, user, request.params.id, request.body.alias));
      return getUnit(app.services.db, user, request.params.id);
    },
  );

  app.delete(
    '/api/units/:id/aliases/:aliasId',
    {
      schema: {
        tags: ['org'],
        summary: 'Remove an alias',
        params: z.strictObject({ id: z.uuid(), aliasId: z.uuid() }),
        response: { 200: unitDetail, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => removeUnitAlias(context, user, request.params.id, request.params.aliasId));
      return getUnit(app.services.db, user, request.params.id);
    },
  );

  app.put(
    '/api/units/:id/contacts',
    {
      schema: {
        tags: ['org'],
        summary: 'Replace the unit’s liaison contacts (联络人)',
        params: idParams,
        body: replaceContactsInput,
        response: { 200: unitDetail, ...commonErrors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => replaceUnitContacts(context, user, request.params.id, request.body.contacts));
      return getUnit(app.services.db, user, request.params.id);
    },
  );
}
