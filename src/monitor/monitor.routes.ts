/** HTTP routes for the monitor catalogue — indicators, subjects, forms — and, via values.routes.ts, figures. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../contracts/common.contract.ts';
import {
  createFormInput,
  createIndicatorInput,
  createSubjectInput,
  formView,
  indicatorView,
  listFormsQuery,
  listIndicatorsQuery,
  listSubjectsQuery,
  subjectView,
  updateIndicatorInput,
  updateSubjectInput,
} from '../contracts/monitor.contract.ts';
import { commonErrors, inTransaction, requireUser, typed } from '../http/route-kit.ts';
import { createForm, getForm, listForms } from './forms.service.ts';
import { createIndicator, getIndicator, listIndicators, updateIndicator } from './indicators.service.ts';
import { createSubject, getSubject, listSubjects, updateSubject } from './subjects.service.ts';
import { valuesRoutes } from './values.routes.ts';

const idParams = z.strictObject({ id: z.uuid() });
const tags = ['monitor'];

/** Registers the monitor routes under /api/monitor. */
export async function monitorRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);

  app.get(
    '/api/monitor/indicators',
    { schema: { tags, summary: 'The indicator catalogue', querystring: listIndicatorsQuery, response: { 200: pageOf(indicatorView), ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { q, frequency, entryLevel, limit, offset } = request.query;
      return listIndicators(app.services.db, user, { query: q, frequency, entryLevel, limit, offset });
    },
  );

  app.get(
    '/api/monitor/indicators/:id',
    { schema: { tags, summary: 'One indicator', params: idParams, response: { 200: indicatorView, ...commonErrors } } },
    async (request) => getIndicator(app.services.db, requireUser(request), request.params.id),
  );

  app.post(
    '/api/monitor/indicators',
    { schema: { tags, summary: 'Define an indicator (its formula checked against the catalogue)', body: createIndicatorInput, response: { 201: indicatorView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await inTransaction(request, (context) => createIndicator(context, user, request.body));
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/monitor/indicators/:id',
    { schema: { tags, summary: 'Change an indicator', params: idParams, body: updateIndicatorInput, response: { 200: indicatorView, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      return inTransaction(request, (context) => updateIndicator(context, user, request.params.id, request.body));
    },
  );

  app.get(
    '/api/monitor/subjects',
    { schema: { tags, summary: 'Monitored subjects in the jurisdiction', querystring: listSubjectsQuery, response: { 200: pageOf(subjectView), ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { region, kind, q, limit, offset } = request.query;
      return listSubjects(app.services.db, user, { regionCode: region, kind, query: q, limit, offset });
    },
  );

  app.get(
    '/api/monitor/subjects/:id',
    { schema: { tags, summary: 'One monitored subject', params: idParams, response: { 200: subjectView, ...commonErrors } } },
    async (request) => getSubject(app.services.db, requireUser(request), request.params.id),
  );

  app.post(
    '/api/monitor/subjects',
    { schema: { tags, summary: 'Register a monitored subject', body: createSubjectInput, response: { 201: subjectView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await inTransaction(request, (context) => createSubject(context, user, request.body));
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/monitor/subjects/:id',
    { schema: { tags, summary: 'Change a monitored subject', params: idParams, body: updateSubjectInput, response: { 200: subjectView, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      return inTransaction(request, (context) => updateSubject(context, user, request.params.id, request.body));
    },
  );

  app.get(
    '/api/monitor/forms',
    { schema: { tags, summary: 'Forms the user may read', querystring: listFormsQuery, response: { 200: pageOf(formView), ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { region, limit, offset } = request.query;
      return listForms(app.services.db, user, { regionCode: region, limit, offset });
    },
  );

  app.get(
    '/api/monitor/forms/:id',
    { schema: { tags, summary: 'One form with its indicators and rules', params: idParams, response: { 200: formView, ...commonErrors } } },
    async (request) => getForm(app.services.db, requireUser(request), request.params.id),
  );

  app.post(
    '/api/monitor/forms',
    { schema: { tags, summary: 'Create a form with its indicators and validation rules', body: createFormInput, response: { 201: formView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await inTransaction(request, (context) => createForm(context, user, request.body));
      return reply.code(201).send(created);
    },
  );

  await valuesRoutes(instance);
}
