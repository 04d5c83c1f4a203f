/**
 * An independent, straightforward evaluation of the Linxia hiring, transfer and start-up rules over the
 * benchmark's facts CSV: the pack's policies written out by hand in plain TypeScript, line by line with
 * strings, sharing no code with the rules engine. The benchmark checks the engine's totals against it.
 */
import { readFileSync } from 'node:fs';

/** Totals per policy, as the engine prints them. */
export interface ReferenceTotals {
  granted: number;
  fen: number;
  undetermined: number;
  suppressed: number;
}

/** Example county decisions the benchmark runs with (the pack ships none: counties set them). */
export const benchCounties = {
  workshop_award: { '622921': 400_000, '622927': 250_000 },
  labour_award: { '622901': 360_000, '622921': 180_000, '622922': 540_000 },
};

type Tri = boolean | null;

function day(text: string): number | null {
  return text === '' ? null : Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / 86_400_000;
}

function months(from: number, to: number): number {
  const a = new Date(from * 86_400_000);
  const b = new Date(to * 86_400_000);
  let count = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
  const last = new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + 1, 0)).getUTCDate();
  if (b.getUTCDate() < Math.min(a.getUTCDate(), last)) count--;
  return count;
}

/** Not eligible when a condition is false; undetermined when one is unknown; otherwise the amount (null: unknown). */
function decide(conditions: Tri[], amount: () => number | null): { status: 'no' | 'yes' | 'unknown'; fen: number } {
  if (conditions.includes(false)) return { status: 'no', fen: 0 };
  if (conditions.includes(null)) return { status: 'unknown', fen: 0 };
  const fen = amount();
  return fen === null ? { status: 'unknown', fen: 0 } : { status: 'yes', fen };
}

function within(date: number | null, from: string, to?: string): Tri {
  if (date === null) return null;
  return date >= (day(from) as number) && (to === undefined || date <= (day(to) as number));
}

/** Evaluates every row of the CSV as of `asOf`; returns totals by policy id. */
export function referenceTotals(file: string, asOf: string): Map<string, ReferenceTotals> {
  const asOfDay = day(asOf) as number;
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = (lines[0] as string).split(',');
  const at = (name: string): number => header.indexOf(name);
  const column = Object.fromEntries(header.map((name) => [name, at(name)]));
  const totals = new Map<string, ReferenceTotals>();
  const add = (id: string, status: 'no' | 'yes' | 'unknown' | 'suppressed', fen: number): void => {
    const total = totals.get(id) ?? { granted: 0, fen: 0, undetermined: 0, suppressed: 0 };
    if (status === 'yes') {
      total.granted++;
      total.fen += fen;
    } else if (status === 'unknown') total.undetermined++;
    else if (status === 'suppressed') total.suppressed++;
    totals.set(id, total);
  };
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line === '') continue;
    const cells = line.split(',');
    const get = (name: string): string => cells[column[name] as number] ?? '';
    const flag = (name: string): Tri => (get(name) === '' ? null : get(name) === '1');
    const groups = get('person.groups') === '[]' ? [] : get('person.groups').split('|');
    const poor = groups.includes('建档立卡贫困');
    const poorOrEdge = poor || groups.includes('边缘易致贫');
    const county = get('person.county');
    const start = day(get('hire.start_date')) as number;
    const end = day(get('hire.end_date'));
    const spell = months(start, end === null || end > asOfDay ? asOfDay : end);
    const kind = get('hire.employer_kind');
    const transferOn = day(get('transfer.on'));
    const contract = get('hire.contract_months') === '' ? null : Number(get('hire.contract_months'));

    const poorHire = decide([within(start, '2020-01-01'), poor, flag('person.local'), spell >= 6], () => (spell >= 12 ? 500_000 : 300_000));
    const workshop = decide([within(start, '2020-01-01', '2020-12-31'), kind === '扶贫车间', Number(get('hire.workshop_poor_workers')) >= 50, poorOrEdge], () => benchCounties.workshop_award[county as '622921'] ?? null);
    // 就高不就低 between the two: an undetermined member leaves an eligible one undetermined too.
    if (poorHire.status === 'yes' && workshop.status === 'yes') {
      if (workshop.fen > poorHire.fen) {
        add('poor-worker-hiring', 'suppressed', 0);
        add('workshop-hiring', 'yes', workshop.fen);
      } else {
        add('poor-worker-hiring', 'yes', poorHire.fen);
        add('workshop-hiring', 'suppressed', 0);
      }
    } else {
      const blocked = poorHire.status === 'unknown' || workshop.status === 'unknown';
      add('poor-worker-hiring', blocked && poorHire.status === 'yes' ? 'unknown' : poorHire.status, poorHire.fen);
      add('workshop-hiring', blocked && workshop.status === 'yes' ? 'unknown' : workshop.status, workshop.fen);
    }
    const sme = decide([within(start, '2020-01-01', '2020-12-31'), kind === '企业', ['中型', '小型', '微型'].includes(get('hire.employer_size')), flag('hire.same_county'), spell >= 6], () => (spell >= 12 ? 200_000 : 100_000));
    add('sme-local-hiring', sme.status, sme.fen);
    const transfer: Tri[] = [within(transferOn, '2020-01-01'), flag('transfer.organised'), poorOrEdge];
    const scope = get('transfer.scope');
    const transport = decide(transfer, () => (scope === '' ? null : scope === '省外' ? 60_000 : 30_000));
    add('transfer-transport', transport.status, transport.fen);
    const labour = decide([...transfer, spell >= 3], () => benchCounties.labour_award[county as '622901'] ?? null);
    add('transfer-labour-award', labour.status, labour.fen);
    const living = decide([...transfer, spell >= 3], () => 150_000);
    add('transfer-living', living.status, living.fen);
    const agencyKind = get('transfer.agency_kind');
    const agency = decide(
      [within(transferOn, '2020-01-01'), flag('transfer.organised'), agencyKind === '' ? null : agencyKind !== '政府部门', poor, kind === '企业', contract === null ? null : contract >= 6, spell >= 6],
      () => 20_000,
    );
    add('agency-placement', agency.status, agency.fen);
    const opened = day(get('business.opened_on'));
    const startup = decide([flag('person.returned_migrant'), flag('business.first'), flag('business.operating'), opened === null ? null : months(opened, asOfDay) >= 12], () => 500_000);
    add('startup-subsidy', startup.status, startup.fen);
    const requested = Math.round(Number(get('loan.requested') || 'NaN') * 100);
    const applied = day(get('loan.applied_on'));
    const loan = decide([applied === null ? null : true, Number.isNaN(requested) ? null : requested > 0], () => Math.min(requested, (applied as number) >= (day('2020-04-15') as number) ? 20_000_000 : 15_000_000));
    add('startup-loan', loan.status, loan.fen);
  }
  return totals;
}
