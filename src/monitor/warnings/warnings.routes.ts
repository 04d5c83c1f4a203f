/** HTTP routes of warning rules, alerts and silences: validate → load → authorize → act → present. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  acknowledgeAlertInput,
  alertBoard,
  alertDetail,
  alertPrecision,
  closeAlertInput,
  createRuleInput,
  createSilenceInput,
  dismissAlertInput,
  listAlertsQuery,
  listRulesQuery,
  listSilencesQuery,
  precisionQuery,
  recordAlertActionInput,
  ruleView,
  silenceView,
  updateRuleInput,
} from '../../contracts/monitor-warnings.contract.ts';
import { commonErrors, inTransaction, pageOf, requireUser, typed, type SessionUser } from '../../http/route-kit.ts';
import type { WriteContext } from '../../store/audit.ts';
import { acknowledgeAlert, closeAlert, dismissAlert, recordAlertAction } from './alerts.lifecycle.ts';
import { alertPrecision as readPrecision, getAlert, listAlerts } from './alerts.read.ts';
import { createWarningRule, getWarningRule, listWarningRules, setWarningRuleEnabled, updateWarningRule } from './rules.service.ts';
import { createSilence, listSilences, revokeSilence } from './silences.service.ts';

const tags = ['monitor warnings'];
const idParams = z.strictObject({ id: z.uuid() });

/** Registers the warning routes under /api/monitor. */
export async function warningsRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const ruleResponse = { 200: ruleView, ...commonErrors };
  const alertResponse = { 200: alertDetail, ...commonErrors };

  app.get(
    '/api/monitor/warning-rules',
    { schema: { tags, summary: 'Warning rules whose scope lies in or above your jurisdiction', querystring: listRulesQuery, response: { 200: pageOf(ruleView), ...commonErrors } } },
    async (request) => {
      const { indicator, region, kind, enabled, limit, offset } = request.query;
      const filter = { indicatorId: indicator, regionCode: region, kind, enabled: enabled === undefined ? undefined : enabled === 'true', limit, offset };
      return listWarningRules(app.services.db, requireUser(request), filter);
    },
  );

  app.post(
    '/api/monitor/warning-rules',
    { schema: { tags, summary: 'Create a warning rule', body: createRuleInput, response: { 201: ruleView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => createWarningRule(context, user, request.body));
      reply.code(201);
      return getWarningRule(app.services.db, user, id);
    },
  );

  app.get(
    '/api/monitor/warning-rules/:id',
    { schema: { tags, summary: 'One warning rule', params: idParams, response: ruleResponse } },
    async (request) => getWarningRule(app.services.db, requireUser(request), request.params.id),
  );

  app.patch(
    '/api/monitor/warning-rules/:id',
    { schema: { tags, summary: 'Change a warning rule (its version goes up)', params: idParams, body: updateRuleInput, response: ruleResponse } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => updateWarningRule(context, user, request.params.id, request.body));
      return getWarningRule(app.services.db, user, request.params.id);
    },
  );

  for (const [path, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(
      `/api/monitor/warning-rules/:id/${path}`,
      { schema: { tags, summary: enabled ? 'Enable a warning rule' : 'Disable a warning rule', params: idParams, response: ruleResponse } },
      async (request) => {
        const user = requireUser(request);
        await inTransaction(request, (context) => setWarningRuleEnabled(context, user, request.params.id, enabled));
        return getWarningRule(app.services.db, user, request.params.id);
      },
    );
  }

  app.get(
    '/api/monitor/alerts',
    { schema: { tags, summary: 'The alert board: alerts in your jurisdiction with counts by level', querystring: listAlertsQuery, response: { 200: alertBoard, ...commonErrors } } },
    async (request) => {
      const { region, level, status, rule, muted, limit, offset } = request.query;
      const filter = { regionCode: region, level, status, ruleId: rule, muted: muted === undefined ? undefined : muted === 'true', limit, offset };
      return listAlerts(app.services.db, requireUser(request), filter);
    },
  );

  app.get(
    '/api/monitor/alerts/precision',
    { schema: { tags, summary: 'Alert precision per rule and overall (closed alerts judged real)', querystring: precisionQuery, response: { 200: alertPrecision, ...commonErrors } } },
    async (request) => readPrecision(app.services.db, requireUser(request), request.query.region),
  );

  app.get(
    '/api/monitor/alerts/:id',
    { schema: { tags, summary: 'One alert with its history', params: idParams, response: alertResponse } },
    async (request) => getAlert(app.services.db, requireUser(request), request.params.id),
  );

  /** A lifecycle step: the use case in one transaction, then the alert presented again. */
  function step<T extends z.ZodType>(path: string, summary: string, body: T, act: (context: WriteContext, user: SessionUser, id: string, input: z.output<T>) => Promise<void>) {
    app.post(`/api/monitor/alerts/:id/${path}`, { schema: { tags, summary, params: idParams, body, response: alertResponse } }, async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => act(context, user, request.params.id, request.body as z.output<T>));
      return getAlert(app.services.db, user, request.params.id);
    });
  }

  step('acknowledge', 'Acknowledge an alert (you become its owner)', acknowledgeAlertInput, (context, user, id, input) => acknowledgeAlert(context, user, id, input.note));
  step('actions', 'Log an action taken', recordAlertActionInput, (context, user, id, input) => recordAlertAction(context, user, id, input.note));
  step('close', 'Close with the outcome and whether it was real', closeAlertInput, closeAlert);
  step('dismiss', 'Dismiss with the reason', dismissAlertInput, (context, user, id, input) => dismissAlert(context, user, id, input.reason));

  app.get(
    '/api/monitor/silences',
    { schema: { tags, summary: 'Silences in your jurisdiction', querystring: listSilencesQuery, response: { 200: pageOf(silenceView), ...commonErrors } } },
    async (request) => {
      const { rule, active, limit, offset } = request.query;
      return listSilences(app.services.db, requireUser(request), { ruleId: rule, activeOnly: active === 'true', limit, offset }, app.services.clock());
    },
  );

  app.post(
    '/api/monitor/silences',
    { schema: { tags, summary: 'Silence a rule in a region’s subtree (reason and a future expiry required)', body: createSilenceInput, response: { 201: silenceView, ...commonErrors } } },
    async (request, reply) => {
      const user = requireUser(request);
      const id = await inTransaction(request, (context) => createSilence(context, user, request.body));
      reply.code(201);
      return presentSilence(user, id);
    },
  );

  app.post(
    '/api/monitor/silences/:id/revoke',
    { schema: { tags, summary: 'Revoke a silence', params: idParams, response: { 200: silenceView, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      await inTransaction(request, (context) => revokeSilence(context, user, request.params.id));
      return presentSilence(user, request.params.id);
    },
  );

  async function presentSilence(user: SessionUser, id: string) {
    const { items } = await listSilences(app.services.db, user, { activeOnly: false, limit: 1, offset: 0, silenceId: id }, app.services.clock());
    const [found] = items;
    if (!found) throw new Error('a silence just written is not readable');
    return found;
  }
}
