-- One ping budget per group, shared by every path that pings its members (`group ping`,
-- `remind group`, `event create --group`, `thread start --ping`): all claim it through
-- `groups.last_ping_at`. A scheduled reminder claims it when it is prepared, and a
-- delivery that failed is prepared again; `last_ping_key` holds the idempotency key of
-- the job that made the last ping, so a retry of that same job may ping (its ping never
-- reached anyone) while any other path still waits for the cooldown. NULL: the last ping
-- came from a command, which never retries.
ALTER TABLE groups ADD COLUMN last_ping_key TEXT;
