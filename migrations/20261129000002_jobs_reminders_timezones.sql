-- The durable job queue, reminders, and people's own time zones.

-- Everything that happens later is a row here (ARCHITECTURE decision 4): nothing waits
-- in memory, so a restart loses nothing.
CREATE TABLE jobs (
    id              BIGINT NOT NULL,
    -- What to do: 'reminder', later 'poll_close', 'event_reminder', …
    kind            TEXT   NOT NULL,
    -- A small JSON document the kind's handler understands.
    payload         TEXT   NOT NULL,
    space_id        TEXT   NOT NULL,
    -- When it should happen (UTC ms). Never changes; lateness is measured from it.
    due_at          BIGINT NOT NULL,
    -- When to try next: due_at at first, later after a retry back-off.
    run_at          BIGINT NOT NULL,
    -- pending → running → done | failed | missed | cancelled
    status          TEXT   NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    -- One job per occurrence; also the base of the platform's idempotency key (Matrix
    -- transaction id, Discord nonce), so a retried send never produces a second message.
    idempotency_key TEXT   NOT NULL,
    -- A running job whose lease has expired belongs to a process that died.
    lease_until     BIGINT,
    last_error      TEXT,
    -- Missed jobs are summarised to moderators once; 1 once that was done.
    reported        BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    finished_at     BIGINT,
    CONSTRAINT jobs_pkey PRIMARY KEY (id),
    CONSTRAINT jobs_idempotency_key_key UNIQUE (idempotency_key)
);

-- Claiming looks for the earliest runnable job of a status; with 100,000 pending jobs this
-- keeps each claim an index range scan.
CREATE INDEX jobs_status_run_at_idx ON jobs (status, run_at);

CREATE TABLE reminders (
    id           BIGINT NOT NULL,
    space_id     TEXT   NOT NULL,
    -- The number people type (`remind cancel 3`), counting up per space.
    number       BIGINT NOT NULL,
    -- Where the reminder is posted (a `platform:id` channel key); NULL: the space's default.
    channel_id   TEXT,
    creator_id   TEXT   NOT NULL,
    creator_name TEXT   NOT NULL,
    -- NULL: remind the creator; otherwise ping this group's members when due.
    group_id     BIGINT,
    text         TEXT   NOT NULL,
    -- The zone the time was given in; recurrences repeat in its local time.
    zone         TEXT   NOT NULL,
    -- RFC 5545 RRULE for recurring reminders, with the date of the first occurrence.
    rrule        TEXT,
    anchor_date  TEXT,
    -- The next occurrence (UTC ms); NULL once finished or cancelled.
    next_at      BIGINT,
    -- active | done | cancelled
    status       TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    CONSTRAINT reminders_pkey PRIMARY KEY (id),
    CONSTRAINT reminders_space_number_key UNIQUE (space_id, number),
    CONSTRAINT reminders_space_fkey FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE,
    CONSTRAINT reminders_group_fkey FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE CASCADE
);

CREATE INDEX reminders_creator_idx ON reminders (space_id, creator_id, status);

-- A person's own settings, across every space of their platform account.
CREATE TABLE user_settings (
    user_id    TEXT   NOT NULL,
    -- An IANA zone name or `UTC±HH:MM`; NULL: the space's zone.
    timezone   TEXT,
    updated_at BIGINT NOT NULL,
    CONSTRAINT user_settings_pkey PRIMARY KEY (user_id)
);
