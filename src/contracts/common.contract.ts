/** The wire shapes every API shares: the error body, a page of results, paging parameters, timestamps. */
import { z } from 'zod';

/** A moment as it travels: an ISO 8601 date-time with `Z` or an offset (services send `toISOString()`). */
export const timestamp = z.iso.datetime({ offset: true });

/** The one error body every route answers with when it refuses. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('stable machine-readable code, e.g. invalid_input, not_found'),
      message: z.string().describe('what went wrong and what to do, in the requested language'),
      field: z.string().optional().describe('the input field or spreadsheet cell concerned, when there is one'),
      fields: z.array(z.string()).optional().describe('every field concerned, when a refusal names several (e.g. the figures flagged as outliers)'),
    }),
  })
  .describe('Error');

/** A refusal as the client receives it. */
export type ErrorBody = z.output<typeof errorBody>;

/** A page of results with the total count before paging. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** A page of a list endpoint whose items are `T`. */
export type Page<T> = z.output<ReturnType<typeof pageOf<z.ZodType<T>>>>;

/** Query parameters for paging, with bounds; spread into a list endpoint's query schema. */
export const pagingQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
