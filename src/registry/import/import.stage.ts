/**
 * Staging and merging, one handler per kind of file (persons on a server skip staging: person-writer.ts).
 * Rows are staged in batches with one multi-row INSERT over `unnest` arrays (pg-copy-streams, which would
 * allow COPY, is not a dependency; persons' columns travel as joined text, column-text.ts); once the whole file
 * is staged and clean, the checks that need the database run as set queries naming each bad row, and the
 * merge is one `INSERT … SELECT … ON CONFLICT` per table inside the commit transaction (a large import of
 * persons: one update and one anti-join insert, see bulk-merge.ts).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { RegistryImportKind } from '../../contracts/registry-constants.ts';
import type { Database } from '../../store/tables.ts';
import { columnArray } from './column-text.ts';
import type { HeaderMap, RowProblem } from './columns.ts';
import { readEmploymentRow, readEnterpriseRow, readPersonRow, type RowResult, type StagedEmployment, type StagedEnterprise, type StagedPerson } from './rows.ts';

/** A staged row with its number in the file. */
export interface Numbered<T> {
  row: number;
  value: T;
}

/** What the importer needs to know about one kind of file. */
export interface KindHandler<T> {
  read(header: HeaderMap, cells: readonly string[], today: string): RowResult<T>;
  /** The key rows are deduplicated on, within the file and against the registry. */
  key(value: T): string;
  /** The column key of the dedup key, for messages. */
  keyColumn: string;
  /** The registry tables the merge writes, the main one first. */
  tables: readonly string[];
  /** The regions that place the row; it must lie in the import's region through one of them. */
  regions(value: T): (string | null)[];
  stage(db: Kysely<Database>, importId: string, rows: Numbered<T>[]): Promise<void>;
  /** Problems only the database can see (regions that do not exist, records of other regions), by row. */
  check(db: Kysely<Database>, importId: string, prefix: string, limit: number): Promise<RowProblem[]>;
  /**
   * Writes the staged rows into the registry; counts of records created and updated. `bulk` says the main
   * table is locked against other writers for the merge (see bulk-merge.ts).
   */
  merge(db: Kysely<Database>, importId: string, now: Date, today: string, bulk: boolean): Promise<{ created: number; updated: number }>;
}

function problem(row: number, column: string, zh: string, en: string): RowProblem {
  return { row, column, zh, en };
}

/** Rows of a staged table whose region code (in `column`) is not in the region table. */
async function missingRegions(db: Kysely<Database>, table: string, column: string, label: string, importId: string, limit: number): Promise<RowProblem[]> {
  const result = await sql<{ row_number: number; code: string }>`
    select s.row_number, ${sql.ref(`s.${column}`)} as code from ${sql.table(table)} s
    where s.import_id = ${importId} and ${sql.ref(`s.${column}`)} is not null
      and not exists (select 1 from region r where r.code = ${sql.ref(`s.${column}`)})
    order by s.row_number limit ${limit}`.execute(db);
  return result.rows.map((r) =>
    problem(r.row_number, label, `行政区划 ${r.code} 不存在，请先导入该地区（wenbao regions import）。`, `Region ${r.code} does not exist; import it first (wenbao regions import).`),
  );
}

function arrayOf(values: readonly (string | number | null)[], type: string): RawBuilder<unknown> {
  return sql`${values}::${sql.raw(type)}[]`;
}

/**
 * The persons merge of a bulk import: with the table locked against other writers no row can appear
 * between the two statements, so existing persons are updated by one join and new ones inserted by one
 * anti-join, sparing each row the speculative insertion of `ON CONFLICT`. Same rules as the upsert below.
 */
async function bulkMergePersons(db: Kysely<Database>, importId: string, now: Date): Promise<{ rows: { created: number; updated: number }[] }> {
  const updated = await sql`
    update registry_person p set
      name = s.name,
      hukou_region_code = s.hukou_region_code,
      current_region_code = coalesce(s.current_region_code, p.current_region_code),
      phone = coalesce(s.phone, p.phone),
      employment_intent = coalesce(s.employment_intent, p.employment_intent),
      updated_at = ${now}
    from registry_import_person s
    where s.import_id = ${importId} and p.resident_id = s.resident_id`.execute(db);
  const created = await sql`
    insert into registry_person
      (resident_id, name, sex, birth_date, hukou_region_code, current_region_code, phone, employment_intent, created_at, updated_at)
    select resident_id, name, sex, birth_date, hukou_region_code, current_region_code, phone, employment_intent, ${now}, ${now}
    from registry_import_person s
    where s.import_id = ${importId} and not exists (select 1 from registry_person p where p.resident_id = s.resident_id)`.execute(db);
  return { rows: [{ created: Number(created.numAffectedRows ?? 0), updated: Number(updated.numAffectedRows ?? 0) }] };
}

const persons: KindHandler<StagedPerson> = {
  read: readPersonRow,
  key: (value) => value.residentId,
  keyColumn: 'residentId',
  tables: ['registry_person', 'registry_person_group'],
  regions: (value) => [value.hukouRegionCode, value.currentRegionCode],
  async stage(db, importId, rows) {
    const column = <K extends keyof StagedPerson>(key: K, type: string, nullable: boolean) => columnArray(rows.map((entry) => entry.value[key] as string | null), type, nullable);
    await sql`
      insert into registry_import_person
        (import_id, row_number, resident_id, name, sex, birth_date, hukou_region_code, current_region_code, phone, employment_intent, group_codes, group_start)
      select ${importId}, t.row_number, t.resident_id, t.name, t.sex, t.birth_date, t.hukou, t.current_region, t.phone, t.intent,
        coalesce(string_to_array(nullif(t.groups, ''), ','), '{}'), t.group_start
      from unnest(${columnArray(rows.map((entry) => entry.row), 'int', false)}, ${column('residentId', 'text', false)}, ${column('name', 'text', false)},
        ${column('sex', 'text', false)}, ${column('birthDate', 'date', false)}, ${column('hukouRegionCode', 'text', false)},
        ${column('currentRegionCode', 'text', true)}, ${column('phone', 'text', true)}, ${column('intent', 'text', true)},
        ${columnArray(rows.map((entry) => entry.value.groups.join(',')), 'text', true)}, ${column('groupStart', 'date', true)})
        as t(row_number, resident_id, name, sex, birth_date, hukou, current_region, phone, intent, groups, group_start)`.execute(db);
  },
  async check(db, importId, prefix, limit) {
    const problems = [
      ...(await missingRegions(db, 'registry_import_person', 'hukou_region_code', '户籍地区划代码', importId, limit)),
      ...(await missingRegions(db, 'registry_import_person', 'current_region_code', '现居住地区划代码', importId, limit)),
    ];
    const foreign = await sql<{ row_number: number }>`
      select s.row_number from registry_import_person s join registry_person p on p.resident_id = s.resident_id
      where s.import_id = ${importId}
        and not (p.hukou_region_code like ${`${prefix}%`} or coalesce(p.current_region_code, '') like ${`${prefix}%`})
      order by s.row_number limit ${limit}`.execute(db);
    for (const { row_number } of foreign.rows) {
      problems.push(problem(row_number, '身份证号', '该人员已由其他地区登记，不能在此导入中更新。', 'This person is registered by another region and cannot be updated by this import.'));
    }
    return problems;
  },
  async merge(db, importId, now, today, bulk) {
    const merged = bulk ? await bulkMergePersons(db, importId, now) : await sql<{ created: number; updated: number }>`
      with merged as (
        insert into registry_person
          (resident_id, name, sex, birth_date, hukou_region_code, current_region_code, phone, employment_intent, created_at, updated_at)
        select resident_id, name, sex, birth_date, hukou_region_code, current_region_code, phone, employment_intent, ${now}, ${now}
        from registry_import_person where import_id = ${importId}
        on conflict (resident_id) do update set
          name = excluded.name,
          hukou_region_code = excluded.hukou_region_code,
          current_region_code = coalesce(excluded.current_region_code, registry_person.current_region_code),
          phone = coalesce(excluded.phone, registry_person.phone),
          employment_intent = coalesce(excluded.employment_intent, registry_person.employment_intent),
          updated_at = excluded.updated_at
        returning (xmax = 0) as inserted
      )
      select (count(*) filter (where inserted))::int as created, (count(*) filter (where not inserted))::int as updated from merged`.execute(db);
    // A group already open for the person is kept as it is; a new one starts on the given date or today.
    await sql`
      insert into registry_person_group (person_id, group_code, start_date, created_at)
      select p.id, g.code, coalesce(s.group_start, ${today}::date), ${now}
      from registry_import_person s
      join registry_person p on p.resident_id = s.resident_id
      cross join lateral unnest(s.group_codes) as g(code)
      where s.import_id = ${importId} and cardinality(s.group_codes) > 0
        and not exists (select 1 from registry_person_group o where o.person_id = p.id and o.group_code = g.code and o.end_date is null)
      on conflict (person_id, group_code, start_date) do nothing`.execute(db);
    return merged.rows[0] ?? { created: 0, updated: 0 };
  },
};

const enterprises: KindHandler<StagedEnterprise> = {
  read: (header, cells) => readEnterpriseRow(header, cells),
  key: (value) => value.creditCode,
  keyColumn: 'creditCode',
  tables: ['registry_enterprise'],
  regions: (value) => [value.regionCode],
  async stage(db, importId, rows) {
    const column = <K extends keyof StagedEnterprise>(key: K) => rows.map((entry) => entry.value[key] as string | number | null);
    const flag = (key: 'keyEnterprise' | 'monitoredSample') => rows.map((entry) => (entry.value[key] ? 'true' : 'false'));
    await sql`
      insert into registry_import_enterprise
        (import_id, row_number, credit_code, name, kind, industry, region_code, established_on, employees, revenue_fen, assets_fen, size_class, key_enterprise, monitored_sample)
      select ${importId}, t.*
      from unnest(${arrayOf(rows.map((entry) => entry.row), 'int')}, ${arrayOf(column('creditCode'), 'text')}, ${arrayOf(column('name'), 'text')},
        ${arrayOf(column('kind'), 'text')}, ${arrayOf(column('industry'), 'text')}, ${arrayOf(column('regionCode'), 'text')},
        ${arrayOf(column('establishedOn'), 'date')}, ${arrayOf(column('employees'), 'int')}, ${arrayOf(column('revenueFen'), 'bigint')},
        ${arrayOf(column('assetsFen'), 'bigint')}, ${arrayOf(column('sizeClass'), 'text')}, ${arrayOf(flag('keyEnterprise'), 'boolean')},
        ${arrayOf(flag('monitoredSample'), 'boolean')}) as t`.execute(db);
  },
  async check(db, importId, prefix, limit) {
    const problems = await missingRegions(db, 'registry_import_enterprise', 'region_code', '所在地区划代码', importId, limit);
    const foreign = await sql<{ row_number: number }>`
      select s.row_number from registry_import_enterprise s join registry_enterprise e on e.credit_code = s.credit_code
      where s.import_id = ${importId} and e.region_code not like ${`${prefix}%`}
      order by s.row_number limit ${limit}`.execute(db);
    for (const { row_number } of foreign.rows) {
      problems.push(problem(row_number, '统一社会信用代码', '该市场主体已由其他地区登记，不能在此导入中更新。', 'This enterprise is registered by another region and cannot be updated by this import.'));
    }
    return problems;
  },
  async merge(db, importId, now) {
    const merged = await sql<{ created: number; updated: number }>`
      with merged as (
        insert into registry_enterprise
          (credit_code, name, kind, industry, region_code, established_on, employees, revenue_fen, assets_fen, size_class, key_enterprise, monitored_sample, created_at, updated_at)
        select credit_code, name, kind, industry, region_code, established_on, employees, revenue_fen, assets_fen, size_class, key_enterprise, monitored_sample, ${now}, ${now}
        from registry_import_enterprise where import_id = ${importId}
        on conflict (credit_code) do update set
          name = excluded.name, kind = excluded.kind, industry = excluded.industry, region_code = excluded.region_code,
          established_on = coalesce(excluded.established_on, registry_enterprise.established_on),
          employees = excluded.employees, revenue_fen = excluded.revenue_fen, assets_fen = excluded.assets_fen,
          size_class = excluded.size_class, key_enterprise = excluded.key_enterprise, monitored_sample = excluded.monitored_sample,
          updated_at = excluded.updated_at
        returning (xmax = 0) as inserted
      )
      select (count(*) filter (where inserted))::int as created, (count(*) filter (where not inserted))::int as updated from merged`.execute(db);
    return merged.rows[0] ?? { created: 0, updated: 0 };
  },
};

const employment: KindHandler<StagedEmployment> = {
  read: readEmploymentRow,
  key: (value) => `${value.residentId}|${value.employerName}|${value.startDate}`,
  keyColumn: 'start',
  tables: ['registry_employment'],
  // The person's regions decide; they are checked against the registry in `check`.
  regions: () => [],
  async stage(db, importId, rows) {
    const column = <K extends keyof StagedEmployment>(key: K) => rows.map((entry) => entry.value[key] as string | null);
    await sql`
      insert into registry_import_employment
        (import_id, row_number, resident_id, credit_code, employer_name, employer_region_code, start_date, end_date, organised_transfer, transfer_agency)
      select ${importId}, t.*
      from unnest(${arrayOf(rows.map((entry) => entry.row), 'int')}, ${arrayOf(column('residentId'), 'text')}, ${arrayOf(column('creditCode'), 'text')},
        ${arrayOf(column('employerName'), 'text')}, ${arrayOf(column('employerRegionCode'), 'text')}, ${arrayOf(column('startDate'), 'date')},
        ${arrayOf(column('endDate'), 'date')}, ${arrayOf(rows.map((entry) => (entry.value.organisedTransfer ? 'true' : 'false')), 'boolean')},
        ${arrayOf(column('transferAgency'), 'text')}) as t`.execute(db);
  },
  async check(db, importId, prefix, limit) {
    const problems = await missingRegions(db, 'registry_import_employment', 'employer_region_code', '就业地区划代码', importId, limit);
    const unknown = await sql<{ row_number: number; registered: boolean }>`
      select s.row_number, p.id is not null as registered from registry_import_employment s
      left join registry_person p on p.resident_id = s.resident_id
      where s.import_id = ${importId}
        and (p.id is null or not (p.hukou_region_code like ${`${prefix}%`} or coalesce(p.current_region_code, '') like ${`${prefix}%`}))
      order by s.row_number limit ${limit}`.execute(db);
    for (const { row_number, registered } of unknown.rows) {
      problems.push(
        registered
          ? problem(row_number, '身份证号', '该人员不在本次导入的地区范围内。', 'This person is outside the region of this import.')
          : problem(row_number, '身份证号', '该人员尚未登记，请先导入人员信息。', 'This person is not registered; import the persons first.'),
      );
    }
    return problems;
  },
  async merge(db, importId, now) {
    const merged = await sql<{ created: number; updated: number }>`
      with source as (
        select s.*, p.id as person_id, left(p.hukou_region_code, 6) as county, e.id as enterprise_id,
          coalesce(s.employer_region_code, e.region_code) as place
        from registry_import_employment s
        join registry_person p on p.resident_id = s.resident_id
        left join registry_enterprise e on e.credit_code = s.credit_code
        where s.import_id = ${importId}
      ), merged as (
        insert into registry_employment
          (person_id, enterprise_id, employer_name, employer_region_code, start_date, end_date, location_class, organised_transfer, transfer_agency, created_at, updated_at)
        select person_id, enterprise_id, employer_name, place, start_date, end_date,
          -- the same rule as spans.ts locationClass
          case
            when place is null then 'unknown'
            when left(place, 2) <> left(county, 2) then 'out_of_province'
            when (right(county, 2) = '00' and left(place, 4) = left(county, 4)) or (right(county, 2) <> '00' and left(place, 6) = county) then 'in_county'
            else 'in_province'
          end,
          organised_transfer, transfer_agency, ${now}, ${now}
        from source
        on conflict (person_id, employer_name, start_date) do update set
          enterprise_id = excluded.enterprise_id, employer_region_code = excluded.employer_region_code, end_date = excluded.end_date,
          location_class = excluded.location_class, organised_transfer = excluded.organised_transfer,
          transfer_agency = excluded.transfer_agency, updated_at = excluded.updated_at
        returning (xmax = 0) as inserted
      )
      select (count(*) filter (where inserted))::int as created, (count(*) filter (where not inserted))::int as updated from merged`.execute(db);
    return merged.rows[0] ?? { created: 0, updated: 0 };
  },
};

/** The handler of each kind of import. */
export const kindHandlers: { [K in RegistryImportKind]: KindHandler<unknown> } = {
  persons: persons as KindHandler<unknown>,
  enterprises: enterprises as KindHandler<unknown>,
  employment: employment as KindHandler<unknown>,
};

/** The staging table of each kind. */
export const stageTables = {
  persons: 'registry_import_person',
  enterprises: 'registry_import_enterprise',
  employment: 'registry_import_employment',
} as const;

