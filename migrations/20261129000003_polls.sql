-- Polls and group decisions.

CREATE TABLE polls (
    id            BIGINT NOT NULL,
    space_id      TEXT   NOT NULL,
    -- The number people type (`poll vote 3 …`), counting up per space.
    number        BIGINT NOT NULL,
    channel_id    TEXT,
    creator_id    TEXT   NOT NULL,
    creator_name  TEXT   NOT NULL,
    question      TEXT   NOT NULL,
    -- single | multiple | approval | score | ranked | consent | time
    kind          TEXT   NOT NULL,
    -- Multiple choice: how many options a ballot picks.
    min_choices   BIGINT NOT NULL,
    max_choices   BIGINT NOT NULL,
    -- live | after-vote | after-close
    results       TEXT   NOT NULL,
    -- public | private | secret
    voters        TEXT   NOT NULL,
    -- NULL: everyone in the space may vote; otherwise the members of this group. When the
    -- group is deleted the poll keeps its ballots but takes no more votes (group_only = 1).
    group_id      BIGINT,
    group_only    BIGINT NOT NULL DEFAULT 0,
    -- Consent proposals: consent | no-block | majority, and an optional quorum.
    consent_rule  TEXT,
    quorum        BIGINT,
    closes_at     BIGINT,
    -- open | closed
    status        TEXT   NOT NULL,
    closed_at     BIGINT,
    last_nudge_at BIGINT,
    created_at    BIGINT NOT NULL,
    CONSTRAINT polls_pkey PRIMARY KEY (id),
    CONSTRAINT polls_space_number_key UNIQUE (space_id, number),
    CONSTRAINT polls_space_fkey FOREIGN KEY (space_id) REFERENCES spaces (id) ON DELETE CASCADE,
    CONSTRAINT polls_group_fkey FOREIGN KEY (group_id) REFERENCES groups (id) ON DELETE SET NULL
);

CREATE TABLE poll_options (
    poll_id  BIGINT NOT NULL,
    position BIGINT NOT NULL,
    label    TEXT   NOT NULL,
    -- Find-a-time polls: the slot (UTC ms).
    slot_at  BIGINT,
    CONSTRAINT poll_options_pkey PRIMARY KEY (poll_id, position),
    CONSTRAINT poll_options_poll_fkey FOREIGN KEY (poll_id) REFERENCES polls (id) ON DELETE CASCADE
);

-- One ballot per voter. For public and private polls `voter_ref` is the voter's key; for
-- secret polls it is HMAC-SHA256(poll secret, voter key), so a voter can replace their
-- ballot while the poll is open, and nobody can tell whose it is once the secret is gone.
-- Secret ballots carry no name and no time (a time would link them to participation).
CREATE TABLE ballots (
    poll_id    BIGINT NOT NULL,
    voter_ref  TEXT   NOT NULL,
    voter_name TEXT,
    -- JSON, shaped by the poll's kind.
    choices    TEXT   NOT NULL,
    reason     TEXT,
    cast_at    BIGINT,
    CONSTRAINT ballots_pkey PRIMARY KEY (poll_id, voter_ref),
    CONSTRAINT ballots_poll_fkey FOREIGN KEY (poll_id) REFERENCES polls (id) ON DELETE CASCADE
);

-- Who took part, kept apart from what they chose.
CREATE TABLE poll_participants (
    poll_id    BIGINT NOT NULL,
    voter_id   TEXT   NOT NULL,
    voter_name TEXT   NOT NULL,
    CONSTRAINT poll_participants_pkey PRIMARY KEY (poll_id, voter_id),
    CONSTRAINT poll_participants_poll_fkey FOREIGN KEY (poll_id) REFERENCES polls (id) ON DELETE CASCADE
);

-- The key of a secret poll's ballot references; deleted when the poll closes.
CREATE TABLE poll_secrets (
    poll_id BIGINT NOT NULL,
    secret  TEXT   NOT NULL,
    CONSTRAINT poll_secrets_pkey PRIMARY KEY (poll_id),
    CONSTRAINT poll_secrets_poll_fkey FOREIGN KEY (poll_id) REFERENCES polls (id) ON DELETE CASCADE
);
