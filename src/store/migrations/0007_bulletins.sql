-- Bulletins (通报): per plan and period, a draft whose content is computed from reports, figures, colours and
-- problems, then published once as an immutable snapshot. The snapshot keeps the ids of the reports every
-- figure came from and the SHA-256 of its canonical JSON. A plan may set the ranking weights its bulletins use.

create table bulletin (
  id uuid primary key default gen_random_uuid(),
  -- no cascade: a published bulletin is a record and must not vanish with its plan
  plan_id uuid not null references plan (id) deferrable initially immediate,
  period text not null check (period ~ '^[0-9]{4}(H[12]|Q[1-4]|-[0-9]{2})?$'),
  status text not null default 'draft' check (status in ('draft', 'published')),
  title text not null check (length(title) between 1 and 200),
  doc_number text check (length(doc_number) between 1 and 60),
  issuer_unit_id uuid references unit (id) deferrable initially immediate,
  weights jsonb not null,
  content jsonb not null,
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  created_by uuid references app_user (id) deferrable initially immediate,
  published_at timestamptz,
  published_by uuid references app_user (id) deferrable initially immediate,
  check ((status = 'published') = (published_at is not null))
);
-- one published bulletin per plan and period; drafts may be drawn up as often as needed
create unique index bulletin_published_once on bulletin (plan_id, period) where status = 'published';
create index bulletin_plan_idx on bulletin (plan_id, created_at desc);

-- A published bulletin is final: the database itself refuses to change or delete it, whatever the caller.
create function bulletin_refuse_change_when_published() returns trigger language plpgsql as $$
begin
  if old.status = 'published' then
    raise exception 'bulletin % is published and cannot be changed or deleted', old.id
      using errcode = 'integrity_constraint_violation', hint = 'draw up a new bulletin instead';
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end;
$$;

create trigger bulletin_published_is_final
  before update or delete on bulletin
  for each row execute function bulletin_refuse_change_when_published();

-- The ranking weights of a plan's bulletins (percentages adding up to 100), when it does not use the defaults.
create table bulletin_setting (
  plan_id uuid primary key references plan (id) on delete cascade deferrable initially immediate,
  weights jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references app_user (id) deferrable initially immediate
);
