-- Petitions: the collection rules each petition was opened under, its running signature count,
-- and the signatures themselves. Kept apart from `cases` so the register's shape is unchanged.

-- One row per petition case. The office's threshold and period are copied when the petition is
-- filed, like a service's delay: an administrator changing them later does not move the goal
-- posts of a petition already collecting.
CREATE TABLE petitions (
    office text NOT NULL,
    reference text NOT NULL,
    threshold integer NOT NULL CHECK (threshold >= 1),
    collection_ends_at timestamptz NOT NULL,
    -- Kept in step with petition_signatures under the case's row lock, so the public list needs
    -- no count(*) over millions of signatures.
    signatures integer NOT NULL DEFAULT 0 CHECK (signatures >= 0),
    PRIMARY KEY (office, reference),
    FOREIGN KEY (office, reference) REFERENCES cases (office, reference)
);

-- The sweeper looks for collections that ended; the list shows an office's petitions.
CREATE INDEX petitions_by_end ON petitions (office, collection_ends_at);

-- One signature per identity number and petition. The number is never stored: only an HMAC of
-- it under the server's secret, with the petition's reference in the message, so the same person's
-- signatures cannot be linked across petitions from the database alone. The name is kept for the
-- office (a petition goes before the council with its signatories) and never shown publicly.
CREATE TABLE petition_signatures (
    office text NOT NULL,
    reference text NOT NULL,
    national_id_hash bytea NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    channel text NOT NULL CHECK (channel IN ('web', 'desk')),
    collected_by text,
    signed_at timestamptz NOT NULL,
    PRIMARY KEY (office, reference, national_id_hash),
    FOREIGN KEY (office, reference) REFERENCES petitions (office, reference)
);

-- Petitions filed before this migration: open their collection from filing, under today's rules.
INSERT INTO petitions (office, reference, threshold, collection_ends_at)
SELECT c.office, c.reference, o.petition_threshold,
       c.received_at + make_interval(days => o.petition_period_days)
  FROM cases c JOIN offices o ON o.code = c.office
 WHERE c.kind = 'petition';

-- Fairness and open data read each service's cases in order of receipt.
CREATE INDEX cases_by_service_received ON cases (office, service, received_at);
