-- The fold of the open-case tally (0008) as a function, so everything that folds runs the same
-- statement: the sweeper every minute, and the benchmark before it measures the folded tally.
-- Deleting and re-inserting in one statement keeps every sum: rows appended meanwhile are not seen
-- by the DELETE and stay.
CREATE FUNCTION fold_open_case_tally() RETURNS void LANGUAGE sql AS $$
    WITH folded AS (DELETE FROM open_case_tally RETURNING office, department, paused, deadline_at, cases)
    INSERT INTO open_case_tally (office, department, paused, deadline_at, cases)
    SELECT office, department, paused, deadline_at, sum(cases) FROM folded
     GROUP BY office, department, paused, deadline_at HAVING sum(cases) <> 0
$$;
