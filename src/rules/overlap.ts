/**
 * Undeclared overlaps. Two policies for the same kind of beneficiary that can both be granted for the
 * same facts must be declared: in one exclusivity group, or as combinable with a reason. Otherwise the
 * pack is reported when it loads, with the facts that show the overlap, rather than settled by the
 * order the policies happen to be written in. The facts are searched, not proved: every test case of
 * the pack, then seeded random facts drawn around the constants the rules compare with.
 */
import type { LocalizedText } from '../kernel/errors.ts';
import { visit } from './ast.ts';
import type { Value } from './evaluate.ts';
import { readFacts, type Facts } from './facts.ts';
import { dateOfDay, dayOfDate } from './functions.ts';
import type { Pack } from './pack.ts';
import { changeDates } from './parameters.ts';
import { evaluatePolicy, type Policy } from './policy.ts';
import { situationOf } from './precedence.ts';
import type { RuleType } from './types.ts';

/** Two policies found granted together without a declaration. */
export interface Overlap {
  policies: [string, string];
  asOf: string;
  /** the facts on which both are granted */
  facts: Record<string, unknown>;
  message: LocalizedText;
}

/** A small deterministic generator (mulberry32), so that a pack is judged the same way every time. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function constantsOf(policies: Policy[]): { numbers: number[]; fen: number[]; days: number[] } {
  const numbers = new Set([0, 1]);
  const fen = new Set([0]);
  const days = new Set<number>();
  for (const policy of policies) {
    const rules = [policy.amount, ...policy.eligibility.map((condition) => condition.rule), ...(policy.cap ? [policy.cap] : [])];
    for (const rule of rules) {
      visit(rule.expression, (node) => {
        if (node.kind === 'number') for (const delta of [-1, -0.1, 0, 0.1, 1]) numbers.add(node.value + delta);
        if (node.kind === 'money') for (const delta of [-1, 0, 1]) fen.add(node.fen + delta);
        if (node.kind === 'date') days.add(dayOfDate(node.value));
      });
    }
  }
  return { numbers: [...numbers], fen: [...fen], days: [...days] };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function sample(type: RuleType, random: () => number, constants: ReturnType<typeof constantsOf>): unknown {
  if (random() < 0.1) return undefined;
  switch (type.kind) {
    case 'number':
      return random() < 0.7 ? pick(random, constants.numbers) : Math.round(random() * 2400) / 100;
    case 'months':
      return Math.max(0, Math.round(random() < 0.7 ? pick(random, constants.numbers) : random() * 36));
    case 'money':
      return random() < 0.7 ? pick(random, constants.fen) : Math.round(random() * 50_000_000);
    case 'date':
      return dateOfDay(pick(random, constants.days) + Math.round((random() - 0.5) * 900));
    case 'boolean':
      return random() < 0.5;
    case 'string':
      return pick(random, ['a', 'b']);
    case 'enum':
      return pick(random, type.values);
    case 'list':
      return type.of.kind === 'enum' ? type.of.values.filter(() => random() < 0.4) : [];
  }
}

/** Overlaps the pack does not declare, at most one per pair of policies, with the facts that show each. */
export function findOverlaps(pack: Pack, samples = 600): Overlap[] {
  const declared = new Set<string>();
  const pair = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
  for (const group of pack.groups) for (const a of group.policies) for (const b of group.policies) declared.add(pair(a, b));
  for (const combination of pack.combinations) for (const a of combination.policies) for (const b of combination.policies) declared.add(pair(a, b));
  const candidates = pack.policies.flatMap((a, index) =>
    pack.policies.slice(index + 1).filter((b) => b.beneficiary === a.beneficiary && !declared.has(pair(a.id, b.id))).map((b) => [a, b] as const),
  );
  if (candidates.length === 0) return [];

  const constants = constantsOf(pack.policies);
  const asOfDates = [...new Set([...pack.tests.map((test) => test.case.asOf), ...changeDates(pack.parameters.values())])];
  for (const date of asOfDates) constants.days.push(dayOfDate(date));
  if (constants.days.length === 0) constants.days.push(dayOfDate('2020-06-30'));
  const random = generator(20200630);
  const worlds: Array<{ asOf: string; raw: Record<string, unknown>; facts: Facts }> = [];
  for (const test of pack.tests) {
    try {
      worlds.push({ asOf: test.case.asOf, raw: test.case.facts, facts: readFacts(pack.schema, test.case.facts) });
    } catch {
      // A test case with bad facts is reported by the test run, not here.
    }
  }
  for (let index = 0; index < samples; index++) {
    const raw: Record<string, unknown> = {};
    const facts: Facts = new Map();
    for (const spec of pack.schema.facts.values()) {
      const value = sample(spec.type, random, constants);
      if (value === undefined) continue;
      raw[spec.path] = value;
      facts.set(spec.path, (spec.type.kind === 'date' ? dayOfDate(value as string) : value) as Value);
    }
    worlds.push({ asOf: asOfDates.length ? pick(random, asOfDates) : dateOfDay(pick(random, constants.days)), raw, facts });
  }

  const overlaps: Overlap[] = [];
  const situations = new Map<string, ReturnType<typeof situationOf>>();
  for (const [a, b] of candidates) {
    for (const world of worlds) {
      let situation = situations.get(world.asOf);
      if (!situation) situations.set(world.asOf, (situation = situationOf(pack, world.asOf)));
      if (evaluatePolicy(a, world.facts, situation).status !== 'eligible') continue;
      if (evaluatePolicy(b, world.facts, situation).status !== 'eligible') continue;
      overlaps.push({
        policies: [a.id, b.id],
        asOf: world.asOf,
        facts: world.raw,
        message: {
          zh: `「${a.name.zh}」与「${b.name.zh}」可同时享受，但既未列入同一互斥组，也未声明可叠加（combinable）`,
          en: `"${a.name.en}" and "${b.name.en}" can both be granted, but are neither in one exclusivity group nor declared combinable`,
        },
      });
      break;
    }
  }
  return overlaps;
}
