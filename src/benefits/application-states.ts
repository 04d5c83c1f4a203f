/**
 * The states of an application and the moves between them: a draft is submitted and so received (受理); a
 * reviewer takes it into first review (初审), passes it on to review (审核), and a second reviewer approves or
 * rejects it (with a reason). It may be rejected at any review step, and withdrawn until it is decided.
 * Any other move is refused (409), naming the state it is in.
 */
import { conflict } from '../kernel/errors.ts';

/** The states of an application. */
export const applicationStates = ['draft', 'received', 'first_review', 'review', 'approved', 'rejected', 'withdrawn'] as const;

/** One state of an application. */
export type ApplicationState = (typeof applicationStates)[number];

/** The moves an application can make. */
export type ApplicationMove = 'submit' | 'accept' | 'pass_first_review' | 'approve' | 'reject' | 'withdraw';

/** Each move, from which states, to which state. */
export const applicationMoves: Record<ApplicationMove, { from: readonly ApplicationState[]; to: ApplicationState }> = {
  submit: { from: ['draft'], to: 'received' },
  accept: { from: ['received'], to: 'first_review' },
  pass_first_review: { from: ['first_review'], to: 'review' },
  approve: { from: ['review'], to: 'approved' },
  reject: { from: ['received', 'first_review', 'review'], to: 'rejected' },
  withdraw: { from: ['draft', 'received', 'first_review', 'review'], to: 'withdrawn' },
};

/** The states' names in both languages, for messages. */
export const stateNames: Record<ApplicationState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  received: { zh: '已受理', en: 'received' },
  first_review: { zh: '初审中', en: 'in first review' },
  review: { zh: '审核中', en: 'in review' },
  approved: { zh: '已批准', en: 'approved' },
  rejected: { zh: '已驳回', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

const moveNames: Record<ApplicationMove, { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'submitted' },
  accept: { zh: '受理进入初审', en: 'taken into first review' },
  pass_first_review: { zh: '通过初审', en: 'passed first review' },
  approve: { zh: '批准', en: 'approved' },
  reject: { zh: '驳回', en: 'rejected' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
};

/** True when the move is allowed from the state. */
export function canMove(state: ApplicationState, move: ApplicationMove): boolean {
  return applicationMoves[move].from.includes(state);
}

/** The state after the move; throws a 409 naming the current state when the move is not allowed from it. */
export function nextState(state: ApplicationState, move: ApplicationMove): ApplicationState {
  if (!canMove(state, move)) {
    throw conflict('status', {
      zh: `申请当前为「${stateNames[state].zh}」，不能${moveNames[move].zh}。`,
      en: `The application is ${stateNames[state].en} and cannot be ${moveNames[move].en}.`,
    });
  }
  return applicationMoves[move].to;
}
