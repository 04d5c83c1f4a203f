/** HTTP routes for figures: values, filing and deciding on forms, aggregates, series, drill-down and the dashboard. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageOf } from '../contracts/common.contract.ts';
import {
  aggregatesQuery,
  aggregatesResult,
  approveSubmissionInput,
  childrenQuery,
  childrenResult,
  dashboardQuery,
  dashboardResult,
  fileFormInput,
  fileFormResult,
  listSubmissionsQuery,
  listValuesQuery,
  returnSubmissionInput,
  saveValuesInput,
  saveValuesResult,
  seriesQuery,
  seriesResult,
  submissionView,
  valueView,
} from '../contracts/monitor.contract.ts';
import { forbidden, unprocessable } from '../kernel/errors.ts';
import { attachmentDisposition, commonErrors, inTransaction, requestLanguage, requireUser, typed } from '../http/route-kit.ts';
import { buildDashboard } from './dashboard.service.ts';
import { dashboardXlsx } from './dashboard.xlsx.ts';
import { canReadMonitorRegion, canReadSubject } from './monitor.policy.ts';
import { approveSubmission, fileForm, getSubmission, listSubmissions, returnSubmission } from './submissions.service.ts';
import { indicatorsByCode } from './values.check.ts';
import { readAggregates, readChildren, readSeries, indicatorBasics } from './values.read.ts';
import { listEnteredValues, saveValues } from './values.service.ts';
import { reevaluate } from './warnings/alerts.raise.ts';

const idParams = z.strictObject({ id: z.uuid() });
const tags = ['monitor'];

/** Registers the figure routes (called by `monitorRoutes`). */
export async function valuesRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { db } = app.services;

  /** The indicators named by code, refusing an unknown one naming the query field. */
  const indicatorsNamed = async (codes: string[], field: string) => {
    const found = await indicatorsByCode(db, codes);
    for (const code of codes) if (!found.has(code)) throw unprocessable(field, { zh: `指标 ${code} 不存在。`, en: `${code} is not an indicator.` });
    return codes.map((code) => found.get(code)!);
  };

  app.post(
    '/api/monitor/values',
    { schema: { tags, summary: 'Save a batch of values (source api), roll-ups included, in one transaction', body: saveValuesInput, response: { 200: saveValuesResult, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      return inTransaction(request, async (context) => {
        const result = await saveValues(context, user, request.body);
        await reevaluate(context, result.affected, context.now);
        return { saved: result.saved };
      });
    },
  );

  app.get(
    '/api/monitor/values',
    { schema: { tags, summary: "Values entered at a region, its children and its subjects, for a data-entry table", querystring: listValuesQuery, response: { 200: z.object({ items: z.array(valueView) }), ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { region, period, indicators } = request.query;
      return { items: await listEnteredValues(db, user, { regionCode: region, period, indicators }) };
    },
  );

  app.post(
    '/api/monitor/forms/:id/file',
    { schema: { tags, summary: "File a form's figures for a region or subject and period", params: idParams, body: fileFormInput, response: { 200: fileFormResult, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      return inTransaction(request, async (context) => {
        const { affected, ...result } = await fileForm(context, user, request.params.id, request.body);
        await reevaluate(context, affected, context.now);
        return result;
      });
    },
  );

  app.get(
    '/api/monitor/submissions',
    { schema: { tags, summary: 'Filed forms in the jurisdiction', querystring: listSubmissionsQuery, response: { 200: pageOf(submissionView), ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { form, period, status, region, limit, offset } = request.query;
      return listSubmissions(db, user, { formId: form, period, status, regionCode: region, limit, offset });
    },
  );

  app.get(
    '/api/monitor/submissions/:id',
    { schema: { tags, summary: 'One filed form', params: idParams, response: { 200: submissionView, ...commonErrors } } },
    async (request) => getSubmission(db, requireUser(request), request.params.id),
  );

  app.post(
    '/api/monitor/submissions/:id/approve',
    { schema: { tags, summary: 'Approve a filed form, locking its figures', params: idParams, body: approveSubmissionInput, response: { 200: submissionView, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      return inTransaction(request, (context) => approveSubmission(context, user, request.params.id, request.body));
    },
  );

  app.post(
    '/api/monitor/submissions/:id/return',
    { schema: { tags, summary: 'Return a filed form for correction, with a comment', params: idParams, body: returnSubmissionInput, response: { 200: submissionView, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      return inTransaction(request, (context) => returnSubmission(context, user, request.params.id, request.body));
    },
  );

  app.get(
    '/api/monitor/aggregates',
    { schema: { tags, summary: 'Figures of indicators × regions × periods, with missing components named', querystring: aggregatesQuery, response: { 200: aggregatesResult, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { indicators, regions, periods, breakdown } = request.query;
      for (const region of regions) if (!canReadMonitorRegion(user, region)) throw forbidden({ zh: `您无权查看 ${region} 的数据。`, en: `You may not see the figures of ${region}.` });
      const items = [];
      for (const indicator of await indicatorsNamed(indicators, 'indicators')) {
        const basics = await indicatorBasics(db, indicator.id);
        const found = await readAggregates(db, [basics], regions, periods, breakdown);
        for (const regionCode of regions) {
          for (const period of periods) {
            const figure = found.get(`${basics.id}|${regionCode}|${period}`) ?? { value: null, missing: [basics.code] };
            items.push({ indicator: basics.code, regionCode, period, ...figure });
          }
        }
      }
      return { items };
    },
  );

  app.get(
    '/api/monitor/series',
    { schema: { tags, summary: "An indicator's figures over a range of periods of its frequency", querystring: seriesQuery, response: { 200: seriesResult, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { indicator: code, region, subject, from, to, breakdown } = request.query;
      if (subject) {
        const row = await db.selectFrom('monitor_subject').select(['region_code', 'unit_id']).where('id', '=', subject).executeTakeFirst();
        if (!row || !canReadSubject(user, { regionCode: row.region_code, unitId: row.unit_id })) {
          throw unprocessable('subject', { zh: '监测对象不存在，或您无权查看。', en: 'The subject does not exist, or you may not see it.' });
        }
      } else if (!canReadMonitorRegion(user, region)) {
        throw forbidden({ zh: `您无权查看 ${region} 的数据。`, en: `You may not see the figures of ${region}.` });
      }
      const [indicator] = await indicatorsNamed([code], 'indicator');
      const items = await readSeries(db, { indicatorId: indicator!.id, regionCode: region, subjectId: subject ?? null, breakdown, from, to });
      return { indicator: code, regionCode: region, items };
    },
  );

  app.get(
    '/api/monitor/children',
    { schema: { tags, summary: 'Every child region with its figure: county comparison and drill-down', querystring: childrenQuery, response: { 200: childrenResult, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { indicator: code, region, period, breakdown } = request.query;
      const [indicator] = await indicatorsNamed([code], 'indicator');
      // a county user asking for its prefecture's children sees its own county only, never its neighbours
      const children = await readChildren(db, { indicatorId: indicator!.id, regionCode: region, period, breakdown });
      const items = children.filter((child) => canReadMonitorRegion(user, child.regionCode));
      if (items.length === 0 && !canReadMonitorRegion(user, region)) throw forbidden({ zh: `您无权查看 ${region} 的数据。`, en: `You may not see the figures of ${region}.` });
      return { indicator: code, regionCode: region, period, items };
    },
  );

  app.get(
    '/api/monitor/dashboard',
    { schema: { tags, summary: 'Key indicators of a region and period against the previous period, a year ago and plan targets', querystring: dashboardQuery, response: { 200: dashboardResult, ...commonErrors } } },
    async (request) => buildDashboard(db, requireUser(request), { regionCode: request.query.region, period: request.query.period }),
  );

  app.get(
    '/api/monitor/dashboard.xlsx',
    { schema: { tags, summary: 'The dashboard figures as an .xlsx file', querystring: dashboardQuery } },
    async (request, reply) => {
      const user = requireUser(request);
      const dashboard = await buildDashboard(db, user, { regionCode: request.query.region, period: request.query.period });
      const language = requestLanguage(request);
      const body = await dashboardXlsx(dashboard, language);
      const name = language === 'zh' ? `监测指标-${dashboard.regionName}-${dashboard.period}.xlsx` : `indicators-${dashboard.regionCode}-${dashboard.period}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentDisposition(name))
        .send(body);
    },
  );
}
