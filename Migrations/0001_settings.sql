-- Server-wide settings shared by every instance: the secret that keys tracking-key and
-- signature hashes lives here, not in a process, so all instances agree on it.
CREATE TABLE settings (
    key text PRIMARY KEY,
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO settings (key, value)
-- gen_random_uuid() draws from PostgreSQL's strong random source (no extension needed).
VALUES ('hash_secret', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
ON CONFLICT (key) DO NOTHING;
