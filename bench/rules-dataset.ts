/**
 * The facts CSV of the rules-engine benchmark: one row per person with one hire, drawn from a seeded
 * generator so every run sees the same file. Shares are set so that every Linxia policy both grants and
 * refuses: about a third registered poor, two in five transferred, one in ten running a business; a
 * person not transferred or without a business or loan says so (0), and one in twenty facts a rule needs is
 * left empty, so that undetermined outcomes occur too.
 */
import { createWriteStream } from 'node:fs';

/** The columns of the file, in order: fact paths of the Linxia pack. */
export const header = [
  'person.id', 'person.county', 'person.groups', 'person.local', 'person.returned_migrant',
  'hire.id', 'hire.employer_kind', 'hire.employer_size', 'hire.same_county', 'hire.start_date', 'hire.end_date',
  'hire.contract_months', 'hire.workshop_poor_workers',
  'transfer.organised', 'transfer.scope', 'transfer.on', 'transfer.agency_kind',
  'business.first', 'business.opened_on', 'business.operating', 'loan.requested', 'loan.applied_on',
];

const counties = ['622901', '622921', '622922', '622923', '622924', '622925', '622926', '622927'];
const groups = ['建档立卡贫困', '边缘易致贫', '高校毕业生', '退役军人', '残疾人', '登记失业', '就业困难'];
const kinds = ['企业', '企业', '企业', '扶贫车间', '合作社', '家庭农场', '个体工商户'];
const sizes = ['大型', '中型', '小型', '微型', '小型', '微型'];
const agencies = ['经营性人力资源服务机构', '劳务中介机构', '劳务经纪人'];
const organisers = [...agencies, '政府部门', '政府部门', '政府部门', '政府部门', '政府部门', '政府部门', '政府部门'];

/** A small deterministic generator (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function date(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const day2019 = Date.UTC(2019, 6, 1) / 86_400_000;

/** One row of facts as CSV fields. */
export function row(index: number, random: () => number): string[] {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const person: string[] = [];
  const roll = random();
  if (roll < 0.3) person.push('建档立卡贫困');
  else if (roll < 0.4) person.push('边缘易致贫');
  if (chance(0.15)) person.push(pick(groups.slice(2)));
  const start = day2019 + Math.floor(random() * 640);
  const end = chance(0.4) ? date(start + 30 + Math.floor(random() * 500)) : '';
  const transferred = chance(0.4);
  const business = chance(0.1);
  const loan = business && chance(0.5);
  return [
    String(1_000_000 + index),
    pick(counties),
    person.length ? person.join('|') : '[]',
    chance(0.9) ? '1' : '0',
    chance(0.2) ? '1' : '0',
    String(5_000_000 + index),
    pick(kinds),
    pick(sizes),
    chance(0.7) ? '1' : '0',
    date(start),
    end,
    chance(0.05) ? '' : String(pick([3, 6, 12, 24, 36])),
    String(Math.floor(random() * 100)),
    transferred ? (chance(0.8) ? '1' : '0') : '0',
    transferred ? pick(['省内', '省外']) : '',
    transferred ? date(start - Math.floor(random() * 10)) : '',
    transferred ? pick(organisers) : '',
    business ? (chance(0.8) ? '1' : '0') : '',
    business ? date(day2019 + Math.floor(random() * 600)) : '',
    business ? (chance(0.9) ? '1' : '0') : '0',
    loan ? String(Math.floor(random() * 30) * 10_000) : '0',
    loan ? date(day2019 + 200 + Math.floor(random() * 300)) : '',
  ];
}

/** Writes `rows` rows to `file` (seeded, so the same file every time). */
export async function writeDataset(file: string, rows: number, seed = 20200630): Promise<void> {
  const random = seeded(seed);
  const out = createWriteStream(file);
  out.write(`${header.join(',')}\n`);
  let batch: string[] = [];
  for (let index = 0; index < rows; index++) {
    batch.push(row(index, random).join(','));
    if (batch.length === 10_000) {
      if (!out.write(`${batch.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      batch = [];
    }
  }
  if (batch.length) out.write(`${batch.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
