-- Uploaded files (report attachments, problem evidence, imported spreadsheets kept for the record).
-- Content is stored in the database so that backups, restores and any number of app servers see the same
-- files; the size limit keeps the table reasonable. Which record a file belongs to is kept by the owning
-- domain's link table, and so is the authorization to read it.
create table stored_file (
  id uuid primary key default gen_random_uuid(),
  file_name text not null check (length(file_name) between 1 and 200),
  content_type text not null,
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  sha256 text not null,
  content bytea not null,
  region_code text,
  uploaded_by uuid references app_user (id) deferrable initially immediate,
  uploaded_at timestamptz not null default now()
);
create index stored_file_sha_idx on stored_file (sha256);
