-- Staff accounts, sessions and the counters behind rate limits.

CREATE TABLE users (
    username text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    office text REFERENCES offices (code),
    department text,
    display_name text NOT NULL DEFAULT '',
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role = 'admin' OR office IS NOT NULL),
    FOREIGN KEY (office, department) REFERENCES departments (office, code)
);

CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    username text NOT NULL REFERENCES users (username),
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (username);

-- Fixed-window counters shared by every instance: (bucket, window) → hits.
CREATE TABLE rate_limits (
    bucket text NOT NULL,
    window_start timestamptz NOT NULL,
    hits integer NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
