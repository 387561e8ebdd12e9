-- Events with RSVPs, waitlists, reminder pings and recurrence.

-- Minutes before an event at which "going" people are reminded, as `1440,60`; NULL: the
-- default (a day and an hour before); empty: no reminders.
ALTER TABLE spaces ADD COLUMN event_reminders TEXT;

CREATE TABLE events (
    id            BIGINT NOT NULL,
    space_id      TEXT   NOT NULL,
    -- The number people type (`event info 3`), counting up per space.
    number        BIGINT NOT NULL,
    -- Where the event was announced (a `platform:id` channel key).
    channel_id    TEXT,
    creator_id    TEXT   NOT NULL,
    creator_name  TEXT   NOT NULL,
    title         TEXT   NOT NULL,
    location      TEXT,
    group_id      BIGINT,
    -- The start (UTC ms); for a series, the first occurrence, which anchors the rule.
    starts_at     BIGINT NOT NULL,
    duration_ms   BIGINT NOT NULL,
    -- The zone the time was given in: a series repeats in its local time, and calendar
    -- exports name it.
    zone          TEXT   NOT NULL,
    -- RFC 5545 RRULE of a series; NULL for a one-off event.
    rrule         TEXT,
    -- Places, counting guests; NULL: no limit.
    capacity      BIGINT,
    -- RSVPs close this long before each start; NULL: at the start.
    rsvp_close_ms BIGINT,
    -- Minutes before each start at which people are reminded, as `1440,60`.
    reminders     TEXT   NOT NULL,
    -- 1: people who answered "maybe" are reminded too.
    remind_maybe  INTEGER NOT NULL DEFAULT 0,
    -- scheduled | cancelled
    status        TEXT   NOT NULL,
    -- Counts changes (iCalendar SEQUENCE), so calendars take the newest version.
    revision      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (id),
    CONSTRAINT events_space_number_key UNIQUE (space_id, number),
    CONSTRAINT events_space_fkey FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE,
    CONSTRAINT events_group_fkey FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE SET NULL
);

CREATE INDEX events_space_status_idx ON events (space_id, status);

-- Occurrences of a series that differ from its rule: moved or cancelled on their own.
CREATE TABLE event_exceptions (
    event_id   BIGINT NOT NULL,
    -- The start the rule gives this occurrence (iCalendar RECURRENCE-ID).
    occurrence BIGINT NOT NULL,
    starts_at  BIGINT NOT NULL,
    -- scheduled | cancelled
    status     TEXT   NOT NULL,
    CONSTRAINT event_exceptions_pkey PRIMARY KEY (event_id, occurrence),
    CONSTRAINT event_exceptions_event_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);

-- One answer per person per occurrence (occurrence 0: a one-off event).
CREATE TABLE rsvps (
    event_id     BIGINT NOT NULL,
    occurrence   BIGINT NOT NULL,
    user_id      TEXT   NOT NULL,
    display_name TEXT   NOT NULL,
    -- going | maybe | no | waitlist
    answer       TEXT   NOT NULL,
    guests       BIGINT NOT NULL DEFAULT 0,
    -- The waitlist's order: when the person asked for a place.
    queued_at    BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    CONSTRAINT rsvps_pkey PRIMARY KEY (event_id, occurrence, user_id),
    CONSTRAINT rsvps_event_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);

-- People who want no reminder pings: for one event, or with event_id 0 for every event
-- of the space.
CREATE TABLE event_mutes (
    space_id TEXT   NOT NULL,
    event_id BIGINT NOT NULL,
    user_id  TEXT   NOT NULL,
    CONSTRAINT event_mutes_pkey PRIMARY KEY (space_id, event_id, user_id)
);
