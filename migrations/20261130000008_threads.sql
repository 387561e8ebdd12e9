-- Discussion threads kumpul opened, and metadata (never the text) of their messages.
CREATE TABLE threads (
    id               BIGINT NOT NULL,
    space_id         TEXT   NOT NULL,
    -- The number people type (`thread digest 3`), counting up per space.
    number           BIGINT NOT NULL,
    -- Where it was started (a `platform:id` channel key).
    channel_id       TEXT,
    -- The platform's thread: a Discord thread channel id, a Matrix thread root event id;
    -- NULL until the adapter has opened it.
    platform_thread  TEXT,
    topic            TEXT   NOT NULL,
    group_id         BIGINT,
    -- The idea it discusses (`idea discuss 3`), if any.
    idea_id          BIGINT,
    opener_id        TEXT   NOT NULL,
    opener_name      TEXT   NOT NULL,
    -- open | archived
    status           TEXT   NOT NULL,
    created_at       BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    CONSTRAINT threads_pkey PRIMARY KEY (id),
    CONSTRAINT threads_space_number_key UNIQUE (space_id, number),
    CONSTRAINT threads_space_fkey FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE,
    CONSTRAINT threads_group_fkey FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE SET NULL,
    CONSTRAINT threads_idea_fkey FOREIGN KEY (idea_id) REFERENCES ideas (id) ON DELETE SET NULL
);

CREATE INDEX threads_platform_idx ON threads (space_id, platform_thread);

-- One row per message in a tracked thread: who and when, its reaction count and a link.
-- Message text is never stored.
CREATE TABLE thread_messages (
    thread_id   BIGINT NOT NULL,
    message_id  TEXT   NOT NULL,
    author_id   TEXT   NOT NULL,
    author_name TEXT   NOT NULL,
    sent_at     BIGINT NOT NULL,
    reactions   BIGINT NOT NULL DEFAULT 0,
    link        TEXT,
    CONSTRAINT thread_messages_pkey PRIMARY KEY (thread_id, message_id),
    CONSTRAINT thread_messages_thread_fkey FOREIGN KEY (thread_id) REFERENCES threads (id) ON DELETE CASCADE
);
