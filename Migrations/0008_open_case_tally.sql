-- The per-department dashboard counts without counting every open case on every request.
--
-- Counting an office's open cases is an index-only scan, but over a municipality's whole register
-- (200,000 open cases in the benchmark's million) it costs 100–150 ms per report. Instead, every
-- change to an open case appends a signed delta to `open_case_tally`, grouped by what the report
-- needs: office, department, paused, and the deadline instant (overdue and due soon depend on
-- "now", so the report classifies the buckets at read time). The report sums the buckets; the
-- sweeper folds the deltas together every minute so the table stays a few thousand rows.
--
-- Deltas are only ever inserted by writers (never updated), so filings and status changes take no
-- extra row lock and never wait on each other here; only the fold deletes, and it deletes exactly
-- the rows it sums.
CREATE TABLE open_case_tally (
    office text NOT NULL,
    department text NOT NULL,
    paused boolean NOT NULL,
    deadline_at timestamptz,
    cases integer NOT NULL
);

CREATE INDEX open_case_tally_by_office ON open_case_tally (office, department);

-- The statuses counted as open by the reports (the same list as the partial indexes of 0003).
CREATE FUNCTION case_is_open(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT status IN ('received', 'in_progress', 'awaiting_citizen')
$$;

-- Statement-level triggers with transition tables: a bulk load or a recomputation touching a
-- thousand cases appends one aggregated delta per bucket, not one per row.
CREATE FUNCTION open_case_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO open_case_tally (office, department, paused, deadline_at, cases)
    SELECT office, department, paused, deadline_at, count(*)
      FROM inserted WHERE case_is_open(status)
     GROUP BY office, department, paused, deadline_at;
    RETURN NULL;
END
$$;

CREATE FUNCTION open_case_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only rows whose bucket changed (or that opened or closed) count; the sweeper's marks and
    -- assignments leave the tally alone.
    INSERT INTO open_case_tally (office, department, paused, deadline_at, cases)
    SELECT office, department, paused, deadline_at, sum(delta)
      FROM (SELECT o.office, o.department, o.paused, o.deadline_at, -1 AS delta
              FROM before o JOIN after n USING (office, reference)
             WHERE case_is_open(o.status)
               AND (NOT case_is_open(n.status)
                    OR (o.department, o.paused, o.deadline_at) IS DISTINCT FROM (n.department, n.paused, n.deadline_at))
            UNION ALL
            SELECT n.office, n.department, n.paused, n.deadline_at, 1
              FROM before o JOIN after n USING (office, reference)
             WHERE case_is_open(n.status)
               AND (NOT case_is_open(o.status)
                    OR (o.department, o.paused, o.deadline_at) IS DISTINCT FROM (n.department, n.paused, n.deadline_at))
           ) AS moved
     GROUP BY office, department, paused, deadline_at
    HAVING sum(delta) <> 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION open_case_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO open_case_tally (office, department, paused, deadline_at, cases)
    SELECT office, department, paused, deadline_at, -count(*)
      FROM removed WHERE case_is_open(status)
     GROUP BY office, department, paused, deadline_at;
    RETURN NULL;
END
$$;

CREATE TRIGGER cases_tally_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION open_case_tally_inserted();
CREATE TRIGGER cases_tally_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION open_case_tally_updated();
CREATE TRIGGER cases_tally_delete AFTER DELETE ON cases
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION open_case_tally_deleted();

-- The cases already there (an upgrade, or the benchmark's data set).
INSERT INTO open_case_tally (office, department, paused, deadline_at, cases)
SELECT office, department, paused, deadline_at, count(*)
  FROM cases WHERE case_is_open(status)
 GROUP BY office, department, paused, deadline_at;
