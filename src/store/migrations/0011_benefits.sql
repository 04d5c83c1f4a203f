-- Policies and benefits (benefits domain): the policy catalogue's versions, applications with their review steps
-- and evidence, the grants ledger that keeps anyone from receiving the same benefit twice, and payment batches.
--
-- Money is integer fen (bigint). A grant is keyed by what identifies the beneficiary everywhere (resident ID,
-- credit code, or the policy's once-per key built from them), never by a registry row, so two counties cannot
-- both grant the same benefit: the unique constraints settle concurrent approvals.

-- Every version of a policy pack ever loaded, so each decision names the exact rules it used.
create table benefit_policy_version (
  id uuid primary key default gen_random_uuid(),
  pack_id text not null check (length(pack_id) between 1 and 100),
  version text not null check (length(version) between 1 and 40),
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  -- the pack as parsed from its YAML: enough to read it again exactly
  document jsonb not null,
  loaded_at timestamptz not null default now(),
  unique (pack_id, content_sha256)
);

create table benefit_application (
  id uuid primary key default gen_random_uuid(),
  policy_version_id uuid not null references benefit_policy_version (id) deferrable initially immediate,
  pack_id text not null,
  policy_id text not null check (length(policy_id) between 1 and 100),
  beneficiary_kind text not null check (beneficiary_kind in ('person', 'enterprise')),
  person_id uuid references registry_person (id) deferrable initially immediate,
  enterprise_id uuid references registry_enterprise (id) deferrable initially immediate,
  -- the employment spell that is the hire, for a policy whose beneficiary is a hire
  employment_id uuid references registry_employment (id) deferrable initially immediate,
  -- the beneficiary's resident ID or credit code, and the name shown on payments
  beneficiary_id_number text not null check (length(beneficiary_id_number) between 1 and 40),
  beneficiary_name text not null check (length(beneficiary_name) between 1 and 200),
  -- the region whose reviewers handle it: the person's hukou region, the enterprise's region
  region_code text not null references region (code) deferrable initially immediate,
  -- the grant ledger keys this application would take: once-per key value and period
  grant_key text,
  period_key text,
  as_of date not null,
  -- registry prefill and answers, each fact with its source; the answers as given
  facts jsonb not null,
  answers jsonb not null,
  -- the engine's decision with its trace (parameters, conditions, basis, questions)
  outcome jsonb not null,
  outcome_status text not null check (outcome_status in ('eligible', 'not_eligible', 'undetermined', 'suppressed')),
  amount_fen bigint check (amount_fen >= 0),
  bank_name text check (length(bank_name) <= 100),
  bank_account text check (length(bank_account) <= 40),
  account_holder text check (length(account_holder) <= 100),
  status text not null check (status in ('draft', 'received', 'first_review', 'review', 'approved', 'rejected', 'withdrawn')),
  filed_by uuid references app_user (id) on delete set null deferrable initially immediate,
  first_reviewer_id uuid references app_user (id) on delete set null deferrable initially immediate,
  final_reviewer_id uuid references app_user (id) on delete set null deferrable initially immediate,
  decision_reason text check (length(decision_reason) <= 1000),
  submitted_at timestamptz,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- who is paid: a person, or an enterprise (which for a hire also names the person hired)
  check (beneficiary_kind <> 'person' or person_id is not null),
  check (beneficiary_kind <> 'enterprise' or enterprise_id is not null),
  check (status <> 'rejected' or decision_reason is not null)
);
create index benefit_application_region_idx on benefit_application (region_code text_pattern_ops, status);
create index benefit_application_enterprise_idx on benefit_application (enterprise_id);
create index benefit_application_person_idx on benefit_application (person_id);

-- One review step: who moved the application from which state to which, and what they said.
create table benefit_application_event (
  id uuid primary key default gen_random_uuid(),
  -- the order of steps taken within the same instant
  sequence bigint generated always as identity,
  application_id uuid not null references benefit_application (id) on delete cascade deferrable initially immediate,
  from_status text,
  to_status text not null,
  actor_id uuid references app_user (id) on delete set null deferrable initially immediate,
  note text check (length(note) <= 1000),
  at timestamptz not null default now()
);
create index benefit_application_event_idx on benefit_application_event (application_id, at);

-- A file given as one item of the evidence the policy requires.
create table benefit_application_evidence (
  application_id uuid not null references benefit_application (id) on delete cascade deferrable initially immediate,
  evidence_id text not null check (length(evidence_id) between 1 and 100),
  file_id uuid not null references stored_file (id) deferrable initially immediate,
  added_at timestamptz not null default now(),
  primary key (application_id, evidence_id, file_id)
);

-- The grants ledger: one row per benefit granted. Inserted at approval in the approving transaction.
create table benefit_grant (
  id uuid primary key default gen_random_uuid(),
  pack_id text not null,
  policy_id text not null,
  policy_version_id uuid not null references benefit_policy_version (id) deferrable initially immediate,
  -- resident ID, credit code, or the policy's once-per key (a hire: resident ID and employer)
  beneficiary_key text not null check (length(beneficiary_key) between 1 and 200),
  -- 'ever', or the period of the policy's date (2020, 2020H1 …) for a once-per-period policy
  period_key text not null check (length(period_key) between 1 and 20),
  -- the exclusivity group (不重复享受) the policy belongs to, if any
  exclusive_group text,
  amount_fen bigint not null check (amount_fen >= 0),
  beneficiary_kind text not null check (beneficiary_kind in ('person', 'enterprise')),
  beneficiary_id_number text not null,
  beneficiary_name text not null,
  person_id uuid references registry_person (id) deferrable initially immediate,
  enterprise_id uuid references registry_enterprise (id) deferrable initially immediate,
  region_code text not null references region (code) deferrable initially immediate,
  application_id uuid unique references benefit_application (id) deferrable initially immediate,
  -- a batch-run item (benefit_run id) when the grant came from an approved run
  run_id uuid,
  bank_name text,
  bank_account text,
  account_holder text,
  granted_by uuid references app_user (id) on delete set null deferrable initially immediate,
  granted_at timestamptz not null default now(),
  unique (pack_id, policy_id, beneficiary_key, period_key)
);
create unique index benefit_grant_exclusive_idx on benefit_grant (pack_id, exclusive_group, beneficiary_key, period_key)
  where exclusive_group is not null;
create index benefit_grant_region_idx on benefit_grant (region_code text_pattern_ops);

create table benefit_payment_batch (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 1 and 200),
  region_code text not null references region (code) deferrable initially immediate,
  status text not null check (status in ('draft', 'submitted', 'approved', 'closed')),
  created_by uuid references app_user (id) on delete set null deferrable initially immediate,
  submitted_by uuid references app_user (id) on delete set null deferrable initially immediate,
  approved_by uuid references app_user (id) on delete set null deferrable initially immediate,
  approved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index benefit_payment_batch_region_idx on benefit_payment_batch (region_code text_pattern_ops, created_at);

-- One grant paid once: a grant belongs to at most one batch.
create table benefit_payment_item (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references benefit_payment_batch (id) on delete cascade deferrable initially immediate,
  grant_id uuid not null unique references benefit_grant (id) deferrable initially immediate,
  amount_fen bigint not null check (amount_fen >= 0),
  paid_on date,
  paid_amount_fen bigint check (paid_amount_fen >= 0),
  payment_reference text check (length(payment_reference) <= 100),
  clawed_back_fen bigint not null default 0 check (clawed_back_fen >= 0),
  created_at timestamptz not null default now(),
  check (clawed_back_fen <= coalesce(paid_amount_fen, 0))
);
create index benefit_payment_item_batch_idx on benefit_payment_item (batch_id);

create table benefit_clawback (
  id uuid primary key default gen_random_uuid(),
  item_id uuid not null references benefit_payment_item (id) on delete cascade deferrable initially immediate,
  amount_fen bigint not null check (amount_fen > 0),
  reason text not null check (length(reason) between 1 and 1000),
  recorded_by uuid references app_user (id) on delete set null deferrable initially immediate,
  recorded_at timestamptz not null default now()
);
create index benefit_clawback_item_idx on benefit_clawback (item_id);
