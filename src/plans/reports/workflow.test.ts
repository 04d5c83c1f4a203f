import { describe, expect, it } from 'vitest';
import { allows, nextStatus, refusal, reportStatuses, type ReportAction, type ReportStatus } from './workflow.ts';

describe('report workflow', () => {
  const allowed: [ReportStatus, ReportAction][] = [
    ['draft', 'edit'],
    ['draft', 'attach'],
    ['draft', 'submit'],
    ['returned', 'edit'],
    ['returned', 'attach'],
    ['returned', 'submit'],
    ['submitted', 'accept'],
    ['submitted', 'return'],
  ];

  it('allows exactly the transitions of the design', () => {
    for (const status of reportStatuses) {
      for (const action of ['edit', 'attach', 'submit', 'accept', 'return'] as const) {
        const expected = allowed.some(([from, what]) => from === status && what === action);
        expect(allows(status, action), `${action} from ${status}`).toBe(expected);
      }
    }
  });

  it('moves a submitted report to accepted or returned, and a draft or returned one to submitted', () => {
    expect(nextStatus('submit')).toBe('submitted');
    expect(nextStatus('accept')).toBe('accepted');
    expect(nextStatus('return')).toBe('returned');
  });

  it('says why in both languages', () => {
    expect(refusal('accepted', 'edit')?.en).toMatch(/accepted and cannot be edited\. Accepted reports are final/);
    expect(refusal('draft', 'accept')?.zh).toContain('草稿');
    expect(refusal('submitted', 'edit')?.en).toMatch(/Wait for the review/);
  });
});
