-- Secret polls keep their keys outside the database from now on (one file per open
-- poll; see crates/kumpul-core/src/features/polls/secret.rs), and their ballots are
-- sealed under that key until the poll closes. `poll_secrets` is left only so that
-- kumpul can move the keys of polls opened before this change out of the database at
-- start-up; nothing writes to it any more.
--
-- Ballots of a secret poll that could not be opened when it closed (its key file was
-- lost): shown with the results, never silently dropped.
ALTER TABLE polls ADD COLUMN uncounted BIGINT NOT NULL DEFAULT 0;
