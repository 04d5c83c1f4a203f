/** HTTP routes of 不来即享 matching: anonymous (public, rate-limited, nothing stored) and signed-in with registry facts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { factQuestion, matchResult, publicMatchInput, registryMatchQuery } from '../../contracts/benefit-matching.contract.ts';
import { invalidInput } from '../../kernel/errors.ts';
import { chinaDate } from '../../kernel/periods.ts';
import { commonErrors, requestLanguage, requireUser, typed } from '../../http/route-kit.ts';
import { matchAnswers, matchRegistered, policyQuestions } from './matching.service.ts';

const tags = ['benefits'];

/** Registers POST /api/public/policy-match, GET /api/public/policy-questions and GET /api/benefits/match. */
export async function matchingRoutes(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);

  app.post(
    '/api/public/policy-match',
    {
      config: { public: true, rateLimit: { max: app.services.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags, summary: '不来即享: every policy for an enterprise (credit code and answers) or a person (answers only), without signing in', body: publicMatchInput, response: { 200: matchResult, ...commonErrors } },
    },
    async (request) => {
      const { applicant, answers, asOf } = request.body;
      return matchAnswers(app.services.db, applicant, answers, asOf ?? chinaDate(app.services.clock()), requestLanguage(request));
    },
  );

  app.get(
    '/api/public/policy-questions',
    { config: { public: true }, schema: { tags, summary: 'The questions of the public matching form', querystring: z.strictObject({ applicant: z.enum(['enterprise', 'person']) }), response: { 200: z.object({ questions: z.array(factQuestion) }), ...commonErrors } } },
    async (request) => ({ questions: await policyQuestions(app.services.db, request.query.applicant, requestLanguage(request)) }),
  );

  app.get(
    '/api/benefits/match',
    { schema: { tags, summary: 'Every policy for a registered person or enterprise, facts prefilled from the registry', querystring: registryMatchQuery, response: { 200: matchResult, ...commonErrors } } },
    async (request) => {
      const user = requireUser(request);
      const { person, enterprise, asOf } = request.query;
      if ((person === undefined) === (enterprise === undefined)) {
        throw invalidInput('person', { zh: '请给出 person 或 enterprise 之一', en: 'give exactly one of person or enterprise' });
      }
      const subject = person !== undefined ? { person } : { enterprise: enterprise as string };
      return matchRegistered(app.services.db, user, subject, asOf ?? chinaDate(app.services.clock()), requestLanguage(request));
    },
  );
}
