-- Open311 GeoReport v2: the third-party applications allowed to file cases through the facade,
-- and the channel their cases carry.

-- One row per client application. The API key is shown once when an administrator issues it and
-- stored only as its SHA-256 (like session tokens: 256 random bits need no slow hash). A client
-- may be held to one office; revoking keeps the row, so the cases it filed still name who it was.
CREATE TABLE open311_clients (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    office text REFERENCES offices (code),
    key_hash bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

-- Cases filed through the facade say so: `open311` joins the channels.
ALTER TABLE cases DROP CONSTRAINT cases_channel_check;
ALTER TABLE cases ADD CONSTRAINT cases_channel_check
    CHECK (channel IN ('web', 'desk', 'phone', 'mail', 'email', 'open311'));

-- GET requests lists an office's cases by the time the request was made (received_at), newest
-- first, within a window (90 days by default).
CREATE INDEX cases_by_office_received ON cases (office, received_at DESC, reference DESC);
