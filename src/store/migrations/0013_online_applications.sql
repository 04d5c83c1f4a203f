-- Applications filed online by the beneficiary, without an account (benefits domain).
--
-- A registered person finds a policy on the public matching page and applies by giving their resident ID, the
-- name the registry holds for it and a phone number. The application is an ordinary one (benefit_application,
-- filed_by null); this table holds what the applicant needs to come back to it: a reference to quote, a secret
-- kept by the browser that filed it (only its hash is stored) for adding evidence and submitting, and the phone
-- the caseworkers call.

create table benefit_online_filing (
  application_id uuid primary key references benefit_application (id) on delete cascade deferrable initially immediate,
  -- quoted by the applicant on the phone or at the counter; no 0/O or 1/I to misread
  reference text not null unique check (reference ~ '^WB[2-9A-HJ-NP-Z]{10}$'),
  -- sha256 (hex) of the secret returned once when the application was filed
  secret_sha256 text not null check (secret_sha256 ~ '^[0-9a-f]{64}$'),
  phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
  filed_at timestamptz not null
);
