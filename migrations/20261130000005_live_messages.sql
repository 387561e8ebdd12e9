-- Messages the bot posted that show something it keeps current: a poll's live results
-- (and, later, an event's RSVP counts). One item may be shown in several messages, on the
-- platform of its space. The message id is the platform's (Discord snowflake, Matrix event
-- id), unique within a space, so a Matrix poll response can be traced back to its poll.
CREATE TABLE live_messages (
    space_id   TEXT    NOT NULL,
    message_id TEXT    NOT NULL,
    feature    TEXT    NOT NULL,
    item_id    BIGINT  NOT NULL,
    channel_id TEXT,
    -- 1: posted as a platform-native poll (Matrix MSC3381), which the platform tallies
    -- itself and which is ended rather than edited.
    native     INTEGER NOT NULL DEFAULT 0,
    -- 1: the item has ended and its final state was shown; no more edits.
    ended      INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL,
    CONSTRAINT live_messages_pk PRIMARY KEY (space_id, message_id)
);

CREATE INDEX live_messages_item ON live_messages (feature, item_id);
