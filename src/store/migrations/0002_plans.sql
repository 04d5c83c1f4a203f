-- Plans (督查督办): a programme's sections and numbered tasks, the units responsible for each task (the
-- lead and the co-units, each with its own acknowledgement), and quantitative targets with staged
-- milestones. Loaded from plan packs; every row cites the document clause it comes from.

create table plan (
  id uuid primary key default gen_random_uuid(),
  key text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  title text not null,
  doc_number text,
  issuer_unit_id uuid references unit (id) deferrable initially immediate,
  region_code text not null references region (code) deferrable initially immediate,
  issued_on date,
  start_date date not null,
  end_date date not null check (end_date >= start_date),
  -- reporting schedule as the pack states it: monthly/quarterly with a day, fixed dates, or none
  schedule jsonb not null,
  lead_rule text not null check (lead_rule in ('first-listed', 'named', 'none')),
  sources jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index plan_region_idx on plan (region_code text_pattern_ops);

create table plan_section (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan (id) on delete cascade deferrable initially immediate,
  parent_section_id uuid references plan_section (id) on delete cascade deferrable initially immediate,
  position integer not null,
  number text not null,
  title text not null,
  clause text
);
create index plan_section_plan_idx on plan_section (plan_id, position);

create table plan_task (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan (id) on delete cascade deferrable initially immediate,
  section_id uuid not null references plan_section (id) on delete cascade deferrable initially immediate,
  position integer not null,
  number text not null,
  title text,
  text text not null,
  clause text not null,
  responsibility_text text,
  -- the lead as the document names it; a collective lead (各县(市)) means each of them leads its own part,
  -- so no single task_unit row is marked lead
  lead_named_as text,
  due_date date,
  unique (plan_id, number)
);
create index plan_task_section_idx on plan_task (section_id, position);

-- The units responsible for a task in document order. At most one is the lead (none when the document
-- designates none). `named_as` keeps the name the document used, e.g. 州人社局 or 各县(市).
create table task_unit (
  task_id uuid not null references plan_task (id) on delete cascade deferrable initially immediate,
  unit_id uuid not null references unit (id) deferrable initially immediate,
  position integer not null,
  is_lead boolean not null default false,
  named_as text not null,
  acknowledged_at timestamptz,
  acknowledged_by uuid references app_user (id) deferrable initially immediate,
  primary key (task_id, unit_id)
);
create unique index task_unit_one_lead on task_unit (task_id) where is_lead;
create index task_unit_unit_idx on task_unit (unit_id);

create table plan_target (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plan (id) on delete cascade deferrable initially immediate,
  key text not null,
  indicator text not null,
  region_code text not null references region (code) deferrable initially immediate,
  comparator text not null check (comparator in ('>=', '<=', '=')),
  value numeric not null,
  unit text not null,
  deadline date not null,
  text text not null,
  clause text not null,
  source text,
  note text,
  unique (plan_id, key)
);
create index plan_target_region_idx on plan_target (region_code text_pattern_ops);

create table target_milestone (
  target_id uuid not null references plan_target (id) on delete cascade deferrable initially immediate,
  position integer not null,
  due_by date not null,
  share numeric check (share between 0 and 1),
  value numeric,
  text text,
  primary key (target_id, position)
);

create table task_target (
  task_id uuid not null references plan_task (id) on delete cascade deferrable initially immediate,
  target_id uuid not null references plan_target (id) on delete cascade deferrable initially immediate,
  primary key (task_id, target_id)
);
create index task_target_target_idx on task_target (target_id);
