-- The benchmark data set, loaded through SQL into Guichet's own schema (migrations applied first):
-- 10 offices, 10 services each, 1,000,000 cases, about 5 timeline events per case, about 20% open
-- and a realistic share of those overdue. Tracking keys are derived from the case number
-- (bench_key(n)), and stored as Guichet stores them: HMAC-SHA-256 keyed by settings.hash_secret.
-- Usage: psql -v cases=1000000 -f load.sql
\set ON_ERROR_STOP on
\if :{?cases}
\else
\set cases 1000000
\endif

CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- A known secret, so the benchmark can compute keys the server will accept.
UPDATE settings SET value = repeat('be', 32) WHERE key = 'hash_secret';

-- Eight Crockford base32 characters from a case's global number (a bijection scrambles them).
CREATE OR REPLACE FUNCTION bench_key(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ',
                             ((((n * 2654435761) % 1099511627776) >> (5 * i)) & 31)::int + 1, 1), '' ORDER BY i)
      FROM generate_series(0, 7) AS i
$$;

INSERT INTO offices (code, name_ar, name_fr, name_en, timezone, weekend_days)
SELECT code, 'بلدية ' || code, 'Municipalité ' || code, 'Municipality ' || code,
       CASE WHEN code IN ('RBA', 'CAS', 'FES', 'TNG') THEN 'Africa/Casablanca' ELSE 'Africa/Tunis' END, '{6,7}'
  FROM unnest(ARRAY['TUN', 'SFX', 'SOU', 'KAI', 'BIZ', 'GAB', 'RBA', 'CAS', 'FES', 'TNG']) AS code;

INSERT INTO holidays (office, date, name_ar, name_fr, name_en)
SELECT o.code, d::date, 'عطلة', 'Jour férié', 'Holiday'
  FROM offices o, unnest(ARRAY['2026-01-01', '2026-03-20', '2026-05-01', '2026-05-27', '2026-05-28',
                               '2026-07-25', '2026-08-13', '2026-10-15', '2026-12-17']) AS d;

INSERT INTO departments (office, code, name_ar, name_fr, name_en)
SELECT o.code, d, d, d, d
  FROM offices o, unnest(ARRAY['etat-civil', 'urbanisme', 'relations-citoyens', 'hygiene', 'finances']) AS d;

INSERT INTO services (office, code, kind, department, name_ar, name_fr, name_en, response_days, extension_days)
SELECT o.code, s.code, s.kind, s.department, s.code, s.code, s.code, s.days, s.ext
  FROM offices o,
       (VALUES ('birth-certificate', 'application', 'etat-civil', 1, 1),
               ('marriage-certificate', 'application', 'etat-civil', 2, 1),
               ('signature-legalisation', 'application', 'etat-civil', 0, 1),
               ('building-permit', 'application', 'urbanisme', 60, 30),
               ('occupancy-permit', 'application', 'urbanisme', 30, 15),
               ('terrace-permit', 'application', 'urbanisme', 15, 10),
               ('complaint-lighting', 'complaint', 'relations-citoyens', 10, 5),
               ('complaint-waste', 'complaint', 'hygiene', 7, 5),
               ('access-to-information', 'information_request', 'relations-citoyens', 14, 0),
               ('local-tax-certificate', 'application', 'finances', 3, 2)) AS s(code, kind, department, days, ext);

-- The cases: 20% open (by a scrambled bucket). Finished cases spread over the year before
-- 2026-11-20; an open case is younger, between 0 and 1.3 times its service's delay (plus a day), so
-- about a quarter of the open cases are overdue, as in an office that mostly keeps up.
CREATE TEMP TABLE bench_cases AS
SELECT n, office, number, service, bucket,
       CASE WHEN bucket < 20 THEN (ARRAY['received', 'in_progress', 'in_progress', 'awaiting_citizen'])[(n % 4) + 1]
            WHEN bucket < 22 THEN 'withdrawn'
            WHEN bucket < 30 THEN 'rejected'
            WHEN bucket < 70 THEN 'closed'
            ELSE 'resolved' END AS status
  FROM (SELECT n,
               (ARRAY['TUN', 'SFX', 'SOU', 'KAI', 'BIZ', 'GAB', 'RBA', 'CAS', 'FES', 'TNG'])[(n % 10) + 1] AS office,
               (n / 10) + 1 AS number,
               (ARRAY['birth-certificate', 'marriage-certificate', 'signature-legalisation', 'building-permit',
                      'occupancy-permit', 'terrace-permit', 'complaint-lighting', 'complaint-waste',
                      'access-to-information', 'local-tax-certificate'])[((n / 10) % 10) + 1] AS service,
               abs(hashint8(n)) % 100 AS bucket
          FROM generate_series(0::bigint, :cases - 1) AS n) AS numbered;

ALTER TABLE bench_cases ADD COLUMN submitted_at timestamptz;
UPDATE bench_cases b
   SET submitted_at = CASE
       WHEN b.bucket < 20 THEN timestamptz '2026-11-20 09:00+00'
            - make_interval(secs => (abs(hashint8(b.n * 31 + 7)) % 100) / 100.0 * (s.response_days * 1.3 + 1) * 86400)
       ELSE timestamptz '2026-11-20 09:00+00' - make_interval(secs => ((:cases - b.n) * 31536000.0 / :cases)) END
  FROM services s WHERE s.office = b.office AND s.code = b.service;

INSERT INTO reference_counters (office, year, last_number)
SELECT office, 2026, max(number) FROM bench_cases GROUP BY office;

INSERT INTO cases (office, reference, year, number, kind, service, department, status, subject, description,
                   channel, language, submitted_at, received_at, response_days, extension_days, tracking_key_hash,
                   assignee, deadline_date, deadline_at, paused, first_answered_at, updated_at)
SELECT b.office, b.office || '-2026-' || lpad(b.number::text, 6, '0'), 2026, b.number, s.kind, s.code, s.department,
       b.status,
       'Demande ' || b.n, 'Dossier de test ' || b.n,
       (ARRAY['web', 'desk', 'desk', 'phone', 'mail'])[(b.n % 5) + 1], 'fr',
       b.submitted_at, b.submitted_at, s.response_days, s.extension_days,
       hmac(convert_to(bench_key(b.n), 'UTF8'), decode(repeat('be', 32), 'hex'), 'sha256'),
       CASE WHEN b.n % 3 = 0 THEN NULL ELSE lower(b.office) || '.agent' || (b.n % 4) END,
       d.deadline_date, (d.deadline_date + 1)::timestamp AT TIME ZONE o.timezone,
       false, NULL, b.submitted_at
  FROM bench_cases b
  JOIN services s ON s.office = b.office AND s.code = b.service
  JOIN offices o ON o.code = b.office
  CROSS JOIN LATERAL (
      -- Working days ≈ calendar days × 7/5, landing on a weekday.
      SELECT (b.submitted_at AT TIME ZONE o.timezone)::date
             + ceil(s.response_days * 1.4)::int
             + CASE extract(isodow FROM (b.submitted_at AT TIME ZONE o.timezone)::date + ceil(s.response_days * 1.4)::int)
                   WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS deadline_date) d;

UPDATE cases SET paused = true WHERE status = 'awaiting_citizen';
-- Answered cases: most on time, some late.
UPDATE cases SET first_answered_at = CASE WHEN (number % 10) < 8 THEN deadline_at - interval '20 hours'
                                          ELSE deadline_at + interval '3 days' END
 WHERE status IN ('resolved', 'rejected', 'closed');

INSERT INTO applicants (office, reference, name, phone)
SELECT office, reference, 'Citoyen ' || number, '+216 71 ' || lpad((number % 1000000)::text, 6, '0') FROM cases;

-- About five events per case: submitted, then the status changes that led to its status, notes.
INSERT INTO case_events (office, reference, seq, at, actor, type, from_status, to_status, public, public_message)
SELECT office, reference, 1, submitted_at, 'citizen', 'submitted', NULL, 'received', true, NULL FROM cases;
INSERT INTO case_events (office, reference, seq, at, actor, type, from_status, to_status, public, public_message)
SELECT office, reference, 2, submitted_at + interval '2 hours', 'agent', 'status_changed', 'received', 'in_progress', true, NULL
  FROM cases WHERE status <> 'received';
INSERT INTO case_events (office, reference, seq, at, actor, type, public, internal_note)
SELECT office, reference, 3, submitted_at + interval '3 hours', 'agent', 'note', false, 'Pièces vérifiées' FROM cases;
INSERT INTO case_events (office, reference, seq, at, actor, type, public, data)
SELECT office, reference, 4, submitted_at + interval '4 hours', 'supervisor', 'assigned', false,
       jsonb_build_object('department', department) FROM cases;
INSERT INTO case_events (office, reference, seq, at, actor, type, from_status, to_status, public, public_message)
SELECT office, reference, 5, coalesce(first_answered_at, submitted_at + interval '5 hours'), 'agent', 'status_changed',
       'in_progress', CASE WHEN status IN ('closed', 'resolved') THEN 'resolved' WHEN status = 'rejected' THEN 'rejected'
                           ELSE status END, true, 'Réponse'
  FROM cases WHERE status NOT IN ('received', 'in_progress');
INSERT INTO case_events (office, reference, seq, at, actor, type, from_status, to_status, public)
SELECT office, reference, 6, first_answered_at + interval '1 day', 'agent', 'status_changed', 'resolved', 'closed', true
  FROM cases WHERE status = 'closed';

VACUUM ANALYZE;
