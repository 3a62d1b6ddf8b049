-- Cases, their applicants (personal data kept apart), the append-only timeline, and the gapless
-- reference counters.

-- One row per office and year: the last number handed out. Taking a number locks the row until
-- the case's transaction ends, so a rolled-back submission gives its number back: the register
-- stays gapless under concurrency and across server instances.
CREATE TABLE reference_counters (
    office text NOT NULL REFERENCES offices (code),
    year integer NOT NULL,
    last_number integer NOT NULL CHECK (last_number BETWEEN 0 AND 999999),
    PRIMARY KEY (office, year)
);

CREATE TABLE cases (
    office text NOT NULL REFERENCES offices (code),
    reference text NOT NULL,
    year integer NOT NULL,
    number integer NOT NULL,
    kind text NOT NULL,
    service text NOT NULL,
    department text NOT NULL,
    status text NOT NULL CHECK (status IN ('received', 'in_progress', 'awaiting_citizen', 'resolved', 'rejected',
        'closed', 'withdrawn', 'collecting_signatures', 'lapsed')),
    subject text NOT NULL,
    description text NOT NULL DEFAULT '',
    channel text NOT NULL CHECK (channel IN ('web', 'desk', 'phone', 'mail', 'email')),
    language text NOT NULL DEFAULT 'fr' CHECK (language IN ('ar', 'fr', 'en')),
    -- When Guichet recorded it, and when the office received it (earlier for post or desk backlog).
    submitted_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    -- The service's delay, copied at filing: changing the guide later moves no existing deadline.
    response_days integer NOT NULL,
    extension_days integer NOT NULL,
    tracking_key_hash bytea NOT NULL,
    assignee text,
    created_by text,
    -- Derived from the timeline and the office calendar (GuichetCore.DeadlineCalculator); kept
    -- here so lists and reports can filter and sort without replaying timelines.
    deadline_date date,
    deadline_at timestamptz,
    paused boolean NOT NULL DEFAULT false,
    extension_used boolean NOT NULL DEFAULT false,
    first_answered_at timestamptz,
    due_soon_for date,
    escalated_for date,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, reference),
    UNIQUE (office, year, number),
    FOREIGN KEY (office, service) REFERENCES services (office, code)
);

-- The sweeper and per-office overdue lists: open cases of an office by deadline.
CREATE INDEX cases_open_by_deadline ON cases (office, deadline_at)
    WHERE status IN ('received', 'in_progress', 'awaiting_citizen');
-- The overdue report across offices, most overdue first, read in index order (no sort).
CREATE INDEX cases_overdue_order ON cases (deadline_at, reference)
    WHERE status IN ('received', 'in_progress');
-- The per-department dashboard counts, answered from the index alone (index-only scan).
CREATE INDEX cases_open_by_department ON cases (office, department) INCLUDE (paused, deadline_at)
    WHERE status IN ('received', 'in_progress', 'awaiting_citizen');
CREATE INDEX cases_by_office_submitted ON cases (office, submitted_at DESC, reference DESC);
CREATE INDEX cases_by_assignee ON cases (office, assignee) WHERE assignee IS NOT NULL;

-- Personal data, apart from the case so it can be withheld from every public view and later
-- anonymised without touching the register.
CREATE TABLE applicants (
    office text NOT NULL,
    reference text NOT NULL,
    name text NOT NULL,
    national_id text,
    phone text,
    email text,
    address text,
    anonymised_at timestamptz,
    PRIMARY KEY (office, reference),
    FOREIGN KEY (office, reference) REFERENCES cases (office, reference)
);

-- The timeline: append-only. Events are never updated or deleted (enforced below).
CREATE TABLE case_events (
    office text NOT NULL,
    reference text NOT NULL,
    seq integer NOT NULL,
    at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    type text NOT NULL CHECK (type IN ('submitted', 'status_changed', 'note', 'assigned', 'extended',
        'deadline_changed', 'due_soon', 'escalated', 'tracking_key_reissued', 'feedback')),
    from_status text,
    to_status text,
    public boolean NOT NULL,
    public_message text,
    internal_note text,
    data jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (office, reference, seq),
    FOREIGN KEY (office, reference) REFERENCES cases (office, reference)
);

CREATE FUNCTION case_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_are_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION case_events_are_append_only();

-- A retried submission with the same Idempotency-Key returns the first result.
CREATE TABLE idempotency_keys (
    office text NOT NULL,
    key text NOT NULL,
    request_hash bytea NOT NULL,
    reference text NOT NULL,
    response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office, key)
);

CREATE TABLE case_feedback (
    office text NOT NULL,
    reference text NOT NULL,
    rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (office, reference),
    FOREIGN KEY (office, reference) REFERENCES cases (office, reference)
);
