-- Batch and proactive runs of policy packs over the registries (benefits domain).
--
-- A run evaluates one pack version on one date over the persons or enterprises of a region subtree, in chunks
-- ordered by registry id. Its cursor (the last id done) is saved with each chunk in the same transaction as the
-- chunk's items, so a stopped run continues where it left off on any server, and is claimed with
-- FOR UPDATE SKIP LOCKED so that two servers never work the same run at once.

create table benefit_run (
  id uuid primary key default gen_random_uuid(),
  -- batch: an entitlement run for a period, reviewed and approved; proactive: finds the newly eligible
  kind text not null check (kind in ('batch', 'proactive')),
  pack_id text not null check (length(pack_id) between 1 and 100),
  -- the rule version evaluated (benefit_policy_version.id); same version, date and registry → same items
  pack_version_id uuid not null references benefit_policy_version (id) deferrable initially immediate,
  beneficiary text not null check (beneficiary in ('person', 'enterprise')),
  region_code text not null references region (code) deferrable initially immediate,
  as_of date not null,
  status text not null check (status in ('running', 'stopped', 'completed', 'approved', 'paid')),
  -- the last registry id evaluated; null before the first chunk
  cursor uuid,
  subjects_done integer not null default 0,
  -- sha256 over the items in (subject, policy) order, set when the run completes
  items_hash text,
  created_by uuid references app_user (id) on delete set null deferrable initially immediate,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  approved_by uuid references app_user (id) on delete set null deferrable initially immediate,
  approved_at timestamptz,
  payment_batch_id uuid references benefit_payment_batch (id) on delete set null deferrable initially immediate
);
create index benefit_run_region_idx on benefit_run (region_code text_pattern_ops, kind, created_at);

-- One policy's decision for one subject of a run: only decisions worth keeping (eligible, suppressed,
-- undetermined); a subject with no item for a policy was evaluated and is not eligible.
create table benefit_run_item (
  run_id uuid not null references benefit_run (id) on delete cascade deferrable initially immediate,
  subject_id uuid not null,
  policy_id text not null check (length(policy_id) between 1 and 100),
  county_code text not null,
  -- the subject's region (a person's hukou region), for filtering by jurisdiction
  region_code text not null,
  status text not null check (status in ('eligible', 'suppressed', 'undetermined')),
  amount_fen bigint not null default 0,
  primary key (run_id, subject_id, policy_id)
);
create index benefit_run_item_policy_idx on benefit_run_item (run_id, policy_id, status);
create index benefit_run_item_region_idx on benefit_run_item (region_code text_pattern_ops);
