-- Target progress and colours (红黄蓝绿): each plan's colour rules, targets split among the regions below
-- (allocation), the current colour of every target and task, and the history of every colour change with
-- its reason. Figures come from target_figure (reports, 0004).

-- null: the default rules (yellow over 5 points of slip, red over 15, blue within 30 days of the deadline)
alter table plan add column colour_rules jsonb;

-- a child target is a region's share of its parent (a prefecture target split among its counties)
alter table plan_target add column parent_target_id uuid references plan_target (id) on delete cascade deferrable initially immediate;
create unique index plan_target_parent_region on plan_target (parent_target_id, region_code) where parent_target_id is not null;

-- The colour an entity has now and since when. Entities are targets or tasks (no foreign key: either table),
-- so the plan is kept to delete states with their plan and to list them by plan.
create table colour_state (
  entity_type text not null check (entity_type in ('task', 'target')),
  entity_id uuid not null,
  plan_id uuid not null references plan (id) on delete cascade deferrable initially immediate,
  colour text not null check (colour in ('green', 'blue', 'yellow', 'red')),
  since timestamptz not null,
  reason text not null,
  primary key (entity_type, entity_id)
);
create index colour_state_plan_idx on colour_state (plan_id);

create table colour_change (
  id uuid primary key default gen_random_uuid(),
  entity_type text not null check (entity_type in ('task', 'target')),
  entity_id uuid not null,
  plan_id uuid not null references plan (id) on delete cascade deferrable initially immediate,
  at timestamptz not null,
  -- null for the first colour an entity is given
  from_colour text check (from_colour in ('green', 'blue', 'yellow', 'red')),
  to_colour text not null check (to_colour in ('green', 'blue', 'yellow', 'red')),
  reason text not null
);
create index colour_change_plan_idx on colour_change (plan_id, at desc);
create index colour_change_entity_idx on colour_change (entity_type, entity_id, at desc);
