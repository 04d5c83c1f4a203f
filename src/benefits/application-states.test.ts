import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicationMoves, applicationStates, canMove, nextState, type ApplicationMove } from './application-states.ts';

const moves = Object.keys(applicationMoves) as ApplicationMove[];

describe('application states', () => {
  it('follows 受理 → 初审 → 审核 → approved', () => {
    let state = nextState('draft', 'submit');
    expect(state).toBe('received');
    state = nextState(state, 'accept');
    expect(state).toBe('first_review');
    state = nextState(state, 'pass_first_review');
    expect(state).toBe('review');
    expect(nextState(state, 'approve')).toBe('approved');
  });

  it('refuses skipping a step with a 409 naming the state', () => {
    expect(() => nextState('received', 'approve')).toThrow(expect.objectContaining({ code: 'conflict', field: 'status' }));
    expect(() => nextState('draft', 'accept')).toThrow(/draft/);
  });

  it('never moves out of a decided state', () => {
    fc.assert(
      fc.property(fc.constantFrom('approved', 'rejected', 'withdrawn' as const), fc.constantFrom(...moves), (state, move) => {
        expect(canMove(state, move)).toBe(false);
      }),
    );
  });

  it('either moves to the declared state or refuses, from any state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...applicationStates), fc.constantFrom(...moves), (state, move) => {
        if (canMove(state, move)) expect(nextState(state, move)).toBe(applicationMoves[move].to);
        else expect(() => nextState(state, move)).toThrow();
      }),
    );
  });
});
