-- The notification outbox: one row per message a citizen is owed, written in the same
-- transaction as the public event that causes it, so a committed event always has its messages
-- and a rolled-back one never does. The delivery worker (GuichetApp/Notifications) sends them.
-- Scheduling columns use the database's real time, never the simulated test clock: they are
-- about talking to real relays. See docs/NOTIFICATIONS.md.
CREATE TABLE notifications (
    office text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    reference text NOT NULL,
    -- The timeline event that caused it (one message per event and channel).
    event_seq integer NOT NULL,
    event text NOT NULL CHECK (event IN ('received', 'awaiting_documents', 'deadline_changed', 'resolved',
        'rejected')),
    channel text NOT NULL CHECK (channel IN ('email', 'sms')),
    -- Copied from the applicant at the event: the message goes where the citizen asked then.
    recipient text NOT NULL,
    language text NOT NULL CHECK (language IN ('ar', 'fr', 'en')),
    subject text NOT NULL DEFAULT '',
    body text NOT NULL,
    -- pending → sending (claimed, leased) → sent | pending again (retry) | failed (gave up);
    -- uncertain: the worker died after the SMTP relay may have taken the message, so it is not
    -- sent again (a second copy would be a duplicate).
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until timestamptz,
    -- Set just before the SMTP end-of-data: from then on the relay may have the message.
    handed_over_at timestamptz,
    -- Stage and reply code only (never the relay's text, which may quote the address).
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    PRIMARY KEY (office, id),
    UNIQUE (office, reference, event_seq, channel),
    FOREIGN KEY (office, reference, event_seq) REFERENCES case_events (office, reference, seq)
);

-- What the worker claims next: due pending rows and expired leases, oldest first.
CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE state IN ('pending', 'sending');
