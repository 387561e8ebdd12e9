-- The idea board: members propose ideas, others upvote them, moderators mark what
-- happens to them, and chosen ideas become a poll.
CREATE TABLE ideas (
    id            BIGINT NOT NULL,
    space_id      TEXT   NOT NULL,
    -- The number people type (`idea vote 3`), counting up per space.
    number        BIGINT NOT NULL,
    channel_id    TEXT,
    -- NULL for an anonymous idea, unless the deployment keeps authors for moderation
    -- (`ideas.keep_anonymous_authors`).
    author_id     TEXT,
    author_name   TEXT,
    anonymous     INTEGER NOT NULL DEFAULT 0,
    text          TEXT   NOT NULL,
    group_id      BIGINT,
    -- open | planned | done | declined
    status        TEXT   NOT NULL,
    status_reason TEXT,
    -- The poll the idea was put to, if any.
    poll_id       BIGINT,
    created_at    BIGINT NOT NULL,
    CONSTRAINT ideas_pkey PRIMARY KEY (id),
    CONSTRAINT ideas_space_number_key UNIQUE (space_id, number),
    CONSTRAINT ideas_space_fkey FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE,
    CONSTRAINT ideas_group_fkey FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE SET NULL
);

-- One upvote per person per idea; voting again takes it back.
CREATE TABLE idea_votes (
    idea_id  BIGINT NOT NULL,
    user_id  TEXT   NOT NULL,
    voted_at BIGINT NOT NULL,
    CONSTRAINT idea_votes_pkey PRIMARY KEY (idea_id, user_id),
    CONSTRAINT idea_votes_idea_fkey FOREIGN KEY (idea_id) REFERENCES ideas (id) ON DELETE CASCADE
);
