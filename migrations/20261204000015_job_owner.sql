-- What each job belongs to, so a feature's jobs are found by an index, and claiming walks
-- indexes instead of sorting every due job.

-- The id of the row the job is for, within its kind: the reminder of a `reminder`, the poll
-- of a `poll_close`, the event of the `event_*` kinds, the thread of a `thread_archive`.
-- Callers cancel "every pending job of kind K for owner 12". Until now they did that with
-- `idempotency_key LIKE 'K:12:%'`, which no index serves (every pending job was read while
-- the write lock was held), and which a text index would serve on PostgreSQL only under
-- the "C" collation. An integer equality is exact under any collation.
-- NULL only for rows finished before this migration, which nobody cancels any more.
ALTER TABLE jobs ADD COLUMN owner_id BIGINT;

-- Every key so far is `<kind>:<owner id>` or `<kind>:<owner id>:…`; the owner is the run
-- of digits after `<kind>:`. `ltrim` strips those digits, so their count is the length
-- lost. Portable (substr, ltrim, length and || mean the same on SQLite and PostgreSQL),
-- and only for rows that may still be cancelled or retried: pending and running ones.
-- Keys that do not have that shape (none are known) keep NULL rather than fail the
-- migration; 1 to 18 digits always fit a BIGINT.
UPDATE jobs SET owner_id = CAST(
        substr(idempotency_key, length(kind) + 2,
               length(substr(idempotency_key, length(kind) + 2))
               - length(ltrim(substr(idempotency_key, length(kind) + 2), '0123456789')))
        AS BIGINT)
    WHERE status IN ('pending', 'running')
      AND substr(idempotency_key, 1, length(kind) + 1) = kind || ':'
      AND length(substr(idempotency_key, length(kind) + 2))
          - length(ltrim(substr(idempotency_key, length(kind) + 2), '0123456789'))
          BETWEEN 1 AND 18;

-- Cancelling a feature's jobs: pending ones of one kind and owner. Partial, so the index
-- holds only what is pending (finished history does not grow it).
CREATE INDEX jobs_pending_owner_idx ON jobs (kind, owner_id) WHERE status = 'pending';

-- Claiming takes the expired leases in lease order; with this index that is a walk of
-- the few running jobs in that order instead of reading them all and sorting. `status`
-- leads although the index holds only running jobs: SQLite (without statistics) then
-- prefers it to jobs_status_run_at_idx, which would need a sort. (Pending jobs are
-- walked in run_at order by jobs_status_run_at_idx.)
CREATE INDEX jobs_running_lease_idx ON jobs (status, lease_until) WHERE status = 'running';
