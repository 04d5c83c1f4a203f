-- Registries of people and enterprises (registry domain): the facts the policy rules read.
--
-- A person is visible to whoever reaches their hukou region or their current region. Facts that span time
-- (groups, employment, training) are dated intervals [start_date, end_date], end_date null while open.
-- Imports are staged in unlogged tables, checked, then merged in one transaction (all-or-nothing per file).

-- Time-ordered uuids (the layout of UUID version 7: 48 bits of Unix milliseconds, then random bits; PostgreSQL
-- before 18 has no uuidv7()). A bulk import then appends to the right edge of each primary-key index instead of
-- touching a random page per row, which is what made a million-row import slow.
create function registry_ordered_uuid() returns uuid language sql volatile as $$
  select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
    placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
$$;

create table registry_household (
  id uuid primary key default gen_random_uuid(),
  -- the household number (户编号) as the local register writes it
  code text not null check (length(code) between 1 and 40),
  region_code text not null references region (code) deferrable initially immediate,
  address text check (length(address) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (region_code, code)
);
create index registry_household_region_idx on registry_household (region_code text_pattern_ops);

create table registry_person (
  id uuid primary key default registry_ordered_uuid(),
  -- GB 11643 identity number, upper case, checksum verified before it gets here
  resident_id text not null unique check (resident_id ~ '^\d{17}[\dX]$'),
  name text not null check (length(name) between 1 and 50),
  -- derived from the identity number
  sex text not null check (sex in ('male', 'female')),
  birth_date date not null,
  hukou_region_code text not null references region (code) deferrable initially immediate,
  current_region_code text references region (code) deferrable initially immediate,
  phone text check (length(phone) <= 30),
  employment_intent text check (employment_intent in
    ('seeking_local', 'seeking_in_province', 'seeking_out_of_province', 'entrepreneurship', 'not_seeking')),
  -- 包抓干部: the cadre who follows this person
  cadre_user_id uuid references app_user (id) on delete set null deferrable initially immediate,
  household_id uuid references registry_household (id) on delete set null deferrable initially immediate,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index registry_person_hukou_idx on registry_person (hukou_region_code text_pattern_ops);
create index registry_person_current_idx on registry_person (current_region_code text_pattern_ops);
create index registry_person_name_idx on registry_person (name text_pattern_ops);
create index registry_person_household_idx on registry_person (household_id);

create table registry_person_group (
  id uuid primary key default registry_ordered_uuid(),
  person_id uuid not null references registry_person (id) on delete cascade deferrable initially immediate,
  group_code text not null check (group_code ~ '^[a-z][a-z_]{1,39}$'),
  start_date date not null,
  end_date date check (end_date >= start_date),
  created_at timestamptz not null default now(),
  unique (person_id, group_code, start_date)
);

create table registry_enterprise (
  id uuid primary key default registry_ordered_uuid(),
  -- GB 32100 unified social credit code, checksum verified before it gets here
  credit_code text not null unique check (credit_code ~ '^[0-9A-Z]{18}$'),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('enterprise', 'individual_business', 'cooperative', 'family_farm')),
  -- GB/T 4754 code: the section letter, optionally followed by the division (2 digits) or class (4 digits)
  industry text not null check (industry ~ '^[A-T](\d{2}|\d{4})?$'),
  region_code text not null references region (code) deferrable initially immediate,
  established_on date,
  employees integer check (employees >= 0),
  revenue_fen bigint check (revenue_fen >= 0),
  assets_fen bigint check (assets_fen >= 0),
  -- computed from industry, employees, revenue and assets by the 2011 SME standard when they are saved
  size_class text check (size_class in ('large', 'medium', 'small', 'micro')),
  key_enterprise boolean not null default false,
  monitored_sample boolean not null default false,
  -- 联络员: the official who liaises with the enterprise
  liaison_user_id uuid references app_user (id) on delete set null deferrable initially immediate,
  -- the enterprise's own unit: accounts with the enterprise role on it see this enterprise and no other
  unit_id uuid references unit (id) on delete set null deferrable initially immediate,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index registry_enterprise_region_idx on registry_enterprise (region_code text_pattern_ops);
create index registry_enterprise_unit_idx on registry_enterprise (unit_id);

create table registry_employment (
  id uuid primary key default registry_ordered_uuid(),
  person_id uuid not null references registry_person (id) on delete cascade deferrable initially immediate,
  enterprise_id uuid references registry_enterprise (id) on delete set null deferrable initially immediate,
  employer_name text not null check (length(employer_name) between 1 and 200),
  employer_region_code text references region (code) deferrable initially immediate,
  start_date date not null,
  end_date date check (end_date >= start_date),
  -- derived from the employer's region against the person's hukou region
  location_class text not null check (location_class in ('in_county', 'in_province', 'out_of_province', 'unknown')),
  organised_transfer boolean not null default false,
  transfer_agency text check (length(transfer_agency) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index registry_employment_spell_idx on registry_employment (person_id, employer_name, start_date);
create index registry_employment_enterprise_idx on registry_employment (enterprise_id);

create table registry_training (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references registry_person (id) on delete cascade deferrable initially immediate,
  course text not null check (length(course) between 1 and 200),
  institution text not null check (length(institution) between 1 and 200),
  start_date date not null,
  end_date date check (end_date >= start_date),
  certificate text check (length(certificate) <= 200),
  created_at timestamptz not null default now()
);
create index registry_training_person_idx on registry_training (person_id);

-- One uploaded file: its progress is updated as rows are read, so any server can answer a poll.
create table registry_import (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('persons', 'enterprises', 'employment')),
  file_name text not null check (length(file_name) <= 255),
  status text not null check (status in ('reading', 'committing', 'committed', 'failed')),
  rows_read integer not null default 0,
  created_count integer not null default 0,
  updated_count integer not null default 0,
  error_count integer not null default 0,
  -- the first errors, each naming its row and column, in both languages
  errors jsonb not null default '[]',
  region_code text not null references region (code) deferrable initially immediate,
  created_by uuid references app_user (id) on delete set null deferrable initially immediate,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index registry_import_region_idx on registry_import (region_code text_pattern_ops, created_at);

-- Staged rows: unlogged (they are rebuilt from the file if lost) and deleted once merged or refused. No foreign
-- key to registry_import: its check would run once per staged row; the importer deletes staged rows itself.
create unlogged table registry_import_person (
  import_id uuid not null,
  row_number integer not null,
  resident_id text not null,
  name text not null,
  sex text not null,
  birth_date date not null,
  hukou_region_code text not null,
  current_region_code text,
  phone text,
  employment_intent text,
  group_codes text[] not null,
  group_start date
);
create index registry_import_person_idx on registry_import_person (import_id);

create unlogged table registry_import_enterprise (
  import_id uuid not null,
  row_number integer not null,
  credit_code text not null,
  name text not null,
  kind text not null,
  industry text not null,
  region_code text not null,
  established_on date,
  employees integer,
  revenue_fen bigint,
  assets_fen bigint,
  size_class text,
  key_enterprise boolean not null,
  monitored_sample boolean not null
);
create index registry_import_enterprise_idx on registry_import_enterprise (import_id);

create unlogged table registry_import_employment (
  import_id uuid not null,
  row_number integer not null,
  resident_id text not null,
  credit_code text,
  employer_name text not null,
  employer_region_code text,
  start_date date not null,
  end_date date,
  organised_transfer boolean not null,
  transfer_agency text
);
create index registry_import_employment_idx on registry_import_employment (import_id);
