/**
 * Writing persons straight from the parsed batches, on a server: the whole file is written inside one
 * transaction on a connection of its own, batch by batch, and rolled back if any row has a problem, so
 * nothing is staged and read back. What only the database knows is checked per batch: region codes by
 * one lookup of the codes not seen before, persons registered by another region by the same statement
 * that writes the batch. Once the import is large against the table (bulk-merge.ts) the tables' foreign
 * keys and plain indexes are dropped for the rest of the transaction and restored before it commits.
 * PGlite has one connection, which the transaction would hold while progress must still be written, so
 * it keeps the staging path (import.stage.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/tables.ts';
import { dropBulkChecks, estimatedRows, isBulkLoad, restoreBulkChecks, type DroppedChecks } from './bulk-merge.ts';
import { columnArray } from './column-text.ts';
import type { RowProblem } from './columns.ts';
import { orderedUuids } from './ordered-uuid.ts';
import type { Numbered } from './import.stage.ts';
import type { StagedPerson } from './rows.ts';

/** The tables a persons import writes, the main one first. */
const personTables = ['registry_person', 'registry_person_group'] as const;

/** A batch of persons as one array per column, as the statement reads them. */
type PersonColumns = Record<'row' | 'residentId' | 'name' | 'sex' | 'birthDate' | 'hukouRegionCode' | 'currentRegionCode' | 'phone' | 'intent' | 'groups' | 'groupStart' | 'id' | 'groupIds', (string | number | null)[]>;

/**
 * The columns of a batch in one pass with plain property reads. Ids are drawn here (ordered-uuid.ts) for
 * every row, a new person's whether or not it turns out to be new, and one per group of the row.
 */
function personColumns(rows: readonly Numbered<StagedPerson>[]): PersonColumns {
  const count = rows.length;
  const make = () => new Array<string | number | null>(count);
  const columns: PersonColumns = {
    row: make(), residentId: make(), name: make(), sex: make(), birthDate: make(), hukouRegionCode: make(), currentRegionCode: make(),
    phone: make(), intent: make(), groups: make(), groupStart: make(), id: orderedUuids(count), groupIds: make(),
  };
  let groupTotal = 0;
  for (const { value } of rows) groupTotal += value.groups.length;
  const groupIds = orderedUuids(groupTotal);
  let nextGroupId = 0;
  for (let index = 0; index < count; index += 1) {
    const { row, value } = rows[index] as Numbered<StagedPerson>;
    columns.row[index] = row;
    columns.residentId[index] = value.residentId;
    columns.name[index] = value.name;
    columns.sex[index] = value.sex;
    columns.birthDate[index] = value.birthDate;
    columns.hukouRegionCode[index] = value.hukouRegionCode;
    columns.currentRegionCode[index] = value.currentRegionCode;
    columns.phone[index] = value.phone;
    columns.intent[index] = value.intent;
    columns.groupStart[index] = value.groupStart;
    if (value.groups.length === 0) {
      columns.groups[index] = null;
      columns.groupIds[index] = null;
    } else {
      columns.groups[index] = value.groups.join(',');
      columns.groupIds[index] = groupIds.slice(nextGroupId, (nextGroupId += value.groups.length)).join(',');
    }
  }
  return columns;
}

/** Writes the batches of one persons import inside the caller's transaction. */
export class PersonWriter {
  created = 0;
  updated = 0;
  private written = 0;
  private dropped: DroppedChecks | null = null;
  private readonly knownRegions = new Set<string>();

  private constructor(
    private readonly trx: Kysely<Database>,
    private readonly prefix: string,
    private readonly now: Date,
    private readonly today: string,
    private readonly tableRows: number,
  ) {}

  /** A writer for the transaction `trx`; `prefix` is the import region's code prefix. */
  static async open(trx: Kysely<Database>, prefix: string, now: Date, today: string): Promise<PersonWriter> {
    // Each batch is a few thousand rows against a table of up to millions: every join here is an index
    // probe per batch row. Hash joins would scan the whole registry once per batch (measured: the time of
    // a batch grew with the table), and the statistics cannot tell as the table grows inside the transaction.
    await sql`set local enable_hashjoin = off`.execute(trx);
    await sql`set local enable_mergejoin = off`.execute(trx);
    return new PersonWriter(trx, prefix, now, today, await estimatedRows(trx, personTables[0]));
  }

  /** Writes one batch; the problems only the database can see, by row (any of them means a rollback). */
  async write(batch: Numbered<StagedPerson>[]): Promise<RowProblem[]> {
    const problems = await this.missingRegions(batch);
    // Rows naming a missing region are left out, so a foreign key cannot fail the statement before the
    // other rows of the batch are checked; the import rolls back in any case.
    const refused = new Set(problems.map((found) => found.row));
    const rows = refused.size === 0 ? batch : batch.filter((entry) => !refused.has(entry.row));
    if (rows.length === 0) return problems;
    if (this.dropped === null && isBulkLoad(this.written + rows.length, this.tableRows)) {
      this.dropped = await dropBulkChecks(this.trx, personTables);
    }
    const columns = personColumns(rows);
    const column = (key: keyof PersonColumns, type: string, nullable: boolean) => columnArray(columns[key], type, nullable);
    const result = await sql<{ created: number; updated: number; foreign_rows: number[] }>`
      with s as materialized (
        -- One index probe per row finds the person if registered; a new person's id is drawn here, so the
        -- groups below need no join with the inserted rows.
        select t.*, p.id as existing_id, coalesce(p.id, t.new_id) as id,
          (p.hukou_region_code like ${`${this.prefix}%`} or coalesce(p.current_region_code, '') like ${`${this.prefix}%`}) as ours
        from unnest(${column('row', 'int', false)}, ${column('residentId', 'text', false)},
          ${column('name', 'text', false)}, ${column('sex', 'text', false)}, ${column('birthDate', 'date', false)},
          ${column('hukouRegionCode', 'text', false)}, ${column('currentRegionCode', 'text', true)}, ${column('phone', 'text', true)},
          ${column('intent', 'text', true)}, ${column('groups', 'text', true)}, ${column('groupStart', 'date', true)},
          ${column('id', 'uuid', false)}, ${column('groupIds', 'text', true)})
          as t(row_number, resident_id, name, sex, birth_date, hukou, current_region, phone, intent, groups, group_start, new_id, group_ids)
        left join registry_person p on p.resident_id = t.resident_id
      ), updated as (
        update registry_person p set
          name = s.name,
          hukou_region_code = s.hukou,
          current_region_code = coalesce(s.current_region, p.current_region_code),
          phone = coalesce(s.phone, p.phone),
          employment_intent = coalesce(s.intent, p.employment_intent),
          updated_at = ${this.now}
        from s where s.existing_id is not null and p.id = s.existing_id
      ), inserted as (
        -- No ON CONFLICT: a person registered meanwhile by another writer makes the import fail and roll back.
        insert into registry_person
          (id, resident_id, name, sex, birth_date, hukou_region_code, current_region_code, phone, employment_intent, created_at, updated_at)
        select id, resident_id, name, sex, birth_date, hukou, current_region, phone, intent, ${this.now}, ${this.now}
        from s where s.existing_id is null
      ), new_groups as (
        -- A new person has no group yet, and the reader lists each group of a row once.
        insert into registry_person_group (id, person_id, group_code, start_date, created_at)
        select g.id, s.id, g.code, coalesce(s.group_start, ${this.today}::date), ${this.now}
        from s cross join lateral unnest(string_to_array(s.groups, ','), string_to_array(s.group_ids, ',')::uuid[]) as g(code, id)
        where s.existing_id is null and s.groups is not null
      ), old_groups as (
        -- A group already open for the person is kept as it is.
        insert into registry_person_group (person_id, group_code, start_date, created_at)
        select s.id, g.code, coalesce(s.group_start, ${this.today}::date), ${this.now}
        from s cross join lateral unnest(string_to_array(s.groups, ',')) as g(code)
        where s.existing_id is not null and s.groups is not null
          -- A scalar subquery, not NOT EXISTS: it stays an index probe per row however small the table looks.
          and (select true from registry_person_group o where o.person_id = s.id and o.group_code = g.code and o.end_date is null limit 1) is null
        on conflict (person_id, group_code, start_date) do nothing
      )
      select (count(*) filter (where existing_id is null))::int as created, (count(*) filter (where existing_id is not null))::int as updated,
        coalesce(array_agg(row_number order by row_number) filter (where existing_id is not null and not ours), '{}') as foreign_rows
      from s`.execute(this.trx);
    const counts = result.rows[0];
    this.written += rows.length;
    this.created += counts?.created ?? 0;
    this.updated += counts?.updated ?? 0;
    for (const row of counts?.foreign_rows ?? []) {
      problems.push({ row, column: '身份证号', zh: '该人员已由其他地区登记，不能在此导入中更新。', en: 'This person is registered by another region and cannot be updated by this import.' });
    }
    return problems;
  }

  /** Restores what a bulk load dropped (a failed key check throws, and the transaction rolls back). */
  async finish(): Promise<{ created: number; updated: number }> {
    if (this.dropped) await restoreBulkChecks(this.trx, this.dropped);
    return { created: this.created, updated: this.updated };
  }

  /** Rows whose region codes are not in the region table; codes found once are not looked up again. */
  private async missingRegions(rows: Numbered<StagedPerson>[]): Promise<RowProblem[]> {
    const unknown = new Set<string>();
    for (const { value } of rows) {
      if (!this.knownRegions.has(value.hukouRegionCode)) unknown.add(value.hukouRegionCode);
      if (value.currentRegionCode !== null && !this.knownRegions.has(value.currentRegionCode)) unknown.add(value.currentRegionCode);
    }
    if (unknown.size === 0) return [];
    const found = await sql<{ code: string }>`select code from region where code = any(${[...unknown]}::text[])`.execute(this.trx);
    for (const { code } of found.rows) this.knownRegions.add(code);
    const problems: RowProblem[] = [];
    const missing = (row: number, column: string, code: string) =>
      problems.push({ row, column, zh: `行政区划 ${code} 不存在，请先导入该地区（wenbao regions import）。`, en: `Region ${code} does not exist; import it first (wenbao regions import).` });
    for (const { row, value } of rows) {
      if (!this.knownRegions.has(value.hukouRegionCode)) missing(row, '户籍地区划代码', value.hukouRegionCode);
      if (value.currentRegionCode !== null && !this.knownRegions.has(value.currentRegionCode)) missing(row, '现居住地区划代码', value.currentRegionCode);
    }
    return problems;
  }
}
