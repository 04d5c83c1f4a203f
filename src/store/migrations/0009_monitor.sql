-- Monitoring and tiered early warning (monitor domain).
--
-- An indicator is entered at one level only (villages, counties, or subjects such as a monitored enterprise
-- or a price point), so a roll-up never counts a figure twice. Every saved value updates, in the same
-- transaction, one row per ancestor region in monitor_rollup: dashboards at any level read a handful of rows
-- instead of scanning the subtree, and there is no nightly analytics job to wait for. Formula indicators
-- (unemployment rate, days of grain supply) store nothing: they are computed from their components' roll-ups
-- at whatever level and period is asked.

create table monitor_indicator (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{0,59}$'),
  name_zh text not null check (length(name_zh) between 1 and 100),
  name_en text not null check (length(name_en) between 1 and 200),
  -- the display unit: 人, %, 元/公斤, 天, 万元 …
  unit text not null check (length(unit) between 1 and 20),
  value_type text not null check (value_type in ('integer', 'decimal', 'percent')),
  -- the period kind values are entered for; coarser periods aggregate over time
  frequency text not null check (frequency in ('day', 'month', 'quarter', 'year')),
  entry_level text not null check (entry_level in ('province', 'prefecture', 'county', 'township', 'village', 'subject')),
  subject_kind text check (subject_kind in ('enterprise', 'price_point', 'supply_enterprise', 'sme_sample', 'household', 'produce')),
  region_aggregation text not null check (region_aggregation in ('sum', 'mean', 'weighted_mean', 'formula', 'none')),
  -- weighted_mean: the indicator whose value for the same region or subject and period is the weight
  weight_indicator_id uuid references monitor_indicator (id) deferrable initially immediate,
  time_aggregation text not null check (time_aggregation in ('sum', 'last', 'mean')),
  -- formula: arithmetic over other indicators' codes, e.g. `registered_unemployed / labour_force * 100`
  formula text check (length(formula) <= 500),
  -- optional disaggregation: the dimension (group, commodity, industry) and its allowed categories
  breakdown_dimension text check (breakdown_dimension in ('group', 'commodity', 'industry')),
  breakdown_categories text[] not null default '{}',
  decimals smallint not null default 0 check (decimals between 0 and 6),
  description text check (length(description) <= 2000),
  -- where the definition comes from: a document and clause, or a public statistical norm
  source text check (length(source) <= 500),
  -- a key indicator is shown on the dashboard, in this order; null keeps it off the dashboard
  dashboard_position smallint check (dashboard_position between 1 and 999),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((entry_level = 'subject') = (subject_kind is not null)),
  check ((region_aggregation = 'formula') = (formula is not null)),
  check ((region_aggregation = 'weighted_mean') = (weight_indicator_id is not null)),
  check ((breakdown_dimension is null) = (cardinality(breakdown_categories) = 0))
);

-- Things monitored one by one: a sample enterprise filing its monthly headcount report, a staple price
-- point, a key supply enterprise, a household at risk of returning to poverty, an unsold-produce report.
create table monitor_subject (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('enterprise', 'price_point', 'supply_enterprise', 'sme_sample', 'household', 'produce')),
  -- the unified social credit code of an enterprise, or a local code for a price point or household
  code text not null check (length(code) between 1 and 40),
  name text not null check (length(name) between 1 and 200),
  -- the lowest region the subject sits in; its values roll up from there
  region_code text not null references region (code) deferrable initially immediate,
  -- the unit (an enterprise's own account, a market office) that files for the subject
  unit_id uuid references unit (id) on delete set null deferrable initially immediate,
  attributes jsonb not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (kind, code)
);
create index monitor_subject_region_idx on monitor_subject (region_code text_pattern_ops);
create index monitor_subject_unit_idx on monitor_subject (unit_id);

create table monitor_form (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{0,59}$'),
  name_zh text not null check (length(name_zh) between 1 and 100),
  name_en text not null check (length(name_en) between 1 and 200),
  -- who files it: a region of this level, or a subject of this kind
  reporter_level text not null check (reporter_level in ('province', 'prefecture', 'county', 'township', 'village', 'subject')),
  subject_kind text check (subject_kind in ('enterprise', 'price_point', 'supply_enterprise', 'sme_sample', 'household', 'produce')),
  frequency text not null check (frequency in ('day', 'month', 'quarter', 'year')),
  -- the form is filed for regions or subjects inside this region
  scope_region_code text not null references region (code) deferrable initially immediate,
  -- a period's figures are due this many days after it ends; after due + grace only a coordinator may enter
  due_days smallint not null default 10 check (due_days between 0 and 366),
  grace_days smallint not null default 0 check (grace_days between 0 and 366),
  -- validation rules as data: [{kind: 'equation' | 'range' | 'outlier' | 'required', …}]
  rules jsonb not null default '[]',
  source text check (length(source) <= 500),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  check ((reporter_level = 'subject') = (subject_kind is not null))
);

create table monitor_form_indicator (
  form_id uuid not null references monitor_form (id) on delete cascade deferrable initially immediate,
  indicator_id uuid not null references monitor_indicator (id) deferrable initially immediate,
  position smallint not null,
  required boolean not null default true,
  primary key (form_id, indicator_id),
  unique (form_id, position)
);

-- One filed form for one region or subject and period: submitted, then approved (which locks its values)
-- or returned for correction.
create table monitor_submission (
  id uuid primary key default gen_random_uuid(),
  form_id uuid not null references monitor_form (id) deferrable initially immediate,
  region_code text not null references region (code) deferrable initially immediate,
  subject_id uuid references monitor_subject (id) deferrable initially immediate,
  period text not null check (length(period) between 4 and 10),
  status text not null check (status in ('submitted', 'approved', 'returned')),
  late boolean not null default false,
  submitted_by uuid references app_user (id) on delete set null deferrable initially immediate,
  submitted_at timestamptz not null default now(),
  decided_by uuid references app_user (id) on delete set null deferrable initially immediate,
  decided_at timestamptz,
  comment text check (length(comment) <= 1000),
  unique nulls not distinct (form_id, region_code, subject_id, period)
);
create index monitor_submission_period_idx on monitor_submission (form_id, period, region_code text_pattern_ops);

create table monitor_value (
  id bigint generated by default as identity primary key,
  indicator_id uuid not null references monitor_indicator (id) deferrable initially immediate,
  -- for a subject's value, the subject's region
  region_code text not null references region (code) deferrable initially immediate,
  subject_id uuid references monitor_subject (id) deferrable initially immediate,
  period text not null check (length(period) between 4 and 10),
  -- the disaggregation category, '' for the total
  breakdown text not null default '' check (length(breakdown) <= 40),
  value numeric not null,
  source text not null check (source in ('form', 'import', 'api', 'pack')),
  submission_id uuid references monitor_submission (id) on delete set null deferrable initially immediate,
  -- a value far outside its own history is saved only once someone confirms it
  outlier_confirmed boolean not null default false,
  entered_by uuid references app_user (id) on delete set null deferrable initially immediate,
  entered_at timestamptz not null default now(),
  unique nulls not distinct (indicator_id, region_code, subject_id, period, breakdown)
);
create index monitor_value_subject_idx on monitor_value (subject_id, indicator_id, period) where subject_id is not null;

-- The live aggregate of an indicator over a region's whole subtree (the region itself included), per
-- period and category. weighted_sum / weight_sum serve weighted means.
create table monitor_rollup (
  indicator_id uuid not null references monitor_indicator (id) deferrable initially immediate,
  region_code text not null references region (code) deferrable initially immediate,
  period text not null,
  breakdown text not null default '',
  value_sum numeric not null default 0,
  value_count integer not null default 0,
  weighted_sum numeric not null default 0,
  weight_sum numeric not null default 0,
  primary key (indicator_id, region_code, period, breakdown)
);

create table monitor_warning_rule (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z][a-z0-9_-]{0,79}$'),
  name_zh text not null check (length(name_zh) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  indicator_id uuid not null references monitor_indicator (id) deferrable initially immediate,
  kind text not null check (kind in ('threshold', 'change_previous', 'change_year_ago', 'behind_schedule', 'days_of_supply', 'robust_z', 'price_anomaly')),
  -- which side is bad: a value above the thresholds (unemployment) or below them (reserves)
  direction text not null check (direction in ('above', 'below')),
  -- the boundary of each level present: {"IV": 4.0, "III": 4.3, "II": 4.5, "I": 5.0}
  thresholds jsonb not null,
  params jsonb not null default '{}',
  -- the rule watches the regions of this level (or the subjects) inside this region
  scope_region_code text not null references region (code) deferrable initially immediate,
  watch_level text not null check (watch_level in ('province', 'prefecture', 'county', 'township', 'village', 'subject')),
  breakdown text not null default '',
  -- the response plan per level: who is told, hours to acknowledge and to respond, required actions
  response jsonb not null default '{}',
  -- a region-wide alert of this rule mutes the same rule's alerts in the regions below it
  mute_below boolean not null default true,
  source text not null check (length(source) between 1 and 500),
  -- document: the programme's own figure; public_norm: a published norm or law; platform_default: a starting
  -- value the platform proposes where neither gives one, to be confirmed locally
  source_kind text not null check (source_kind in ('document', 'public_norm', 'platform_default')),
  enabled boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index monitor_warning_rule_indicator_idx on monitor_warning_rule (indicator_id) where enabled;

create table monitor_alert (
  id uuid primary key default gen_random_uuid(),
  rule_id uuid not null references monitor_warning_rule (id) deferrable initially immediate,
  region_code text not null references region (code) deferrable initially immediate,
  subject_id uuid references monitor_subject (id) deferrable initially immediate,
  -- 4 = IV blue, 3 = III yellow, 2 = II orange, 1 = I red
  level smallint not null check (level between 1 and 4),
  status text not null check (status in ('open', 'acknowledged', 'handling', 'closed', 'dismissed')),
  period text not null,
  observed_value numeric,
  explanation jsonb not null default '{}',
  owner_user_id uuid references app_user (id) on delete set null deferrable initially immediate,
  acknowledge_due_at timestamptz,
  respond_due_at timestamptz,
  -- the region whose government the alert has been escalated to, if any
  escalated_to text references region (code) deferrable initially immediate,
  escalations smallint not null default 0,
  muted_by uuid references monitor_alert (id) on delete set null deferrable initially immediate,
  outcome text check (length(outcome) <= 2000),
  -- set when closed: was the alert a real problem? (alert precision)
  was_real boolean,
  dismiss_reason text check (length(dismiss_reason) <= 1000),
  opened_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now()
);
create unique index monitor_alert_one_open_key on monitor_alert (rule_id, region_code, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'))
  where status in ('open', 'acknowledged', 'handling');
create index monitor_alert_region_idx on monitor_alert (region_code text_pattern_ops, status);
create index monitor_alert_due_idx on monitor_alert (acknowledge_due_at) where status = 'open';

create table monitor_alert_event (
  id bigint generated by default as identity primary key,
  alert_id uuid not null references monitor_alert (id) on delete cascade deferrable initially immediate,
  at timestamptz not null default now(),
  actor_id uuid references app_user (id) on delete set null deferrable initially immediate,
  kind text not null check (kind in ('raised', 'level_changed', 'acknowledged', 'action', 'escalated', 'muted', 'unmuted', 'closed', 'dismissed')),
  from_level smallint,
  to_level smallint,
  note text check (length(note) <= 2000),
  data jsonb
);
create index monitor_alert_event_alert_idx on monitor_alert_event (alert_id, id);

create table monitor_silence (
  id uuid primary key default gen_random_uuid(),
  rule_id uuid not null references monitor_warning_rule (id) deferrable initially immediate,
  -- the silence covers this region's subtree
  region_code text not null references region (code) deferrable initially immediate,
  reason text not null check (length(reason) between 1 and 1000),
  expires_at timestamptz not null,
  created_by uuid references app_user (id) on delete set null deferrable initially immediate,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index monitor_silence_rule_idx on monitor_silence (rule_id, expires_at);

-- A spreadsheet upload of one form and period: parsed and checked into staged rows (the dry run), then
-- committed in one transaction when the user confirms, or discarded. Progress is kept on the row so any
-- app server can report it.
create table monitor_import (
  id uuid primary key default gen_random_uuid(),
  form_id uuid not null references monitor_form (id) deferrable initially immediate,
  period text not null,
  file_id uuid references stored_file (id) on delete set null deferrable initially immediate,
  status text not null check (status in ('checking', 'checked', 'committing', 'committed', 'failed', 'discarded')),
  total_rows integer not null default 0,
  processed_rows integer not null default 0,
  error_count integer not null default 0,
  -- the first errors, each naming its row and column
  errors jsonb not null default '[]',
  region_code text not null references region (code) deferrable initially immediate,
  created_by uuid references app_user (id) on delete set null deferrable initially immediate,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  -- the region prefixes the uploader could enter values for when uploading: the check holds every row to
  -- them, so a check taken over by another server needs nothing but this row and the stored file
  reach text[] not null default '{}',
  -- the server checking the file holds it until this instant and renews the claim with every chunk; a
  -- lapsed claim lets any server take the check over from the start
  claimed_until timestamptz
);
create index monitor_import_checking_idx on monitor_import (claimed_until) where status = 'checking';

create table monitor_import_row (
  import_id uuid not null references monitor_import (id) on delete cascade deferrable initially immediate,
  row_number integer not null,
  indicator_id uuid not null,
  region_code text not null,
  subject_id uuid,
  -- the row's own period when the file has a period column, else the import's
  period text not null,
  breakdown text not null default '',
  value numeric not null,
  primary key (import_id, row_number, indicator_id, breakdown)
);

-- Every error of a check, in the order found (monitor_import.errors keeps only the first for display); the
-- errors workbook lists them all.
create table monitor_import_error (
  import_id uuid not null references monitor_import (id) on delete cascade deferrable initially immediate,
  position integer not null,
  row_number integer not null,
  -- the spreadsheet column (`C`) and its header as printed
  column_ref text not null,
  header text not null,
  code text not null,
  message_zh text not null,
  message_en text not null,
  primary key (import_id, position)
);
