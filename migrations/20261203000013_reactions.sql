-- Reactions kumpul acted on (Matrix: ✅ ❔ ❌ on an event card, 👍 on an idea card), so
-- that taking one back (a redaction) withdraws what it did. Only reactions that changed an
-- answer or an upvote are kept, and only on kumpul's own cards: nothing about reactions
-- on other messages. A reaction is a public room event anyway (who reacted with what).
--
-- Rows go when the reaction is taken back, when the person answers or votes by command or
-- button (which then stands on its own), and with their event or idea (the foreign keys
-- cascade, as events and ideas cascade with their space). Rows of a series' past dates
-- and of settled ideas stay until then: one small row per reaction.
-- The reaction id is the platform's event id, unique within a space as message ids are
-- in `live_messages`.

-- One row per standing reaction on an event card. A person's answer is the one of their
-- latest standing reaction (by `reacted_at`, then `reaction_id`) while they have any; when
-- none is left, the answer they had typed before reacting (`typed_answer`), else none.
CREATE TABLE event_reactions (
    space_id    TEXT   NOT NULL,
    reaction_id TEXT   NOT NULL,
    event_id    BIGINT NOT NULL,
    -- The occurrence the reaction answered (see `rsvps.occurrence`): a series' card moves
    -- on to its next date, and a reaction answered the date shown then.
    occurrence  BIGINT NOT NULL,
    user_id     TEXT   NOT NULL,
    -- going | maybe | no
    answer      TEXT   NOT NULL,
    -- When the homeserver received the reaction (UTC ms).
    reacted_at  BIGINT NOT NULL,
    -- The answer the person had given by command or button when their first standing
    -- reaction came (going | maybe | no, with its guests), which stands again once all
    -- their reactions are taken back; NULL: they had not answered. Every row of one
    -- person's standing reactions carries the same, so any one of them can tell.
    typed_answer TEXT,
    typed_guests BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT event_reactions_pkey PRIMARY KEY (space_id, reaction_id),
    CONSTRAINT event_reactions_event_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
);

CREATE INDEX event_reactions_person_idx ON event_reactions (event_id, user_id);

-- One row per standing upvote reaction on an idea card, kept only while the upvote came
-- from a reaction (an upvote given by command or button first is not the reaction's to
-- take back).
CREATE TABLE idea_reactions (
    space_id    TEXT   NOT NULL,
    reaction_id TEXT   NOT NULL,
    idea_id     BIGINT NOT NULL,
    user_id     TEXT   NOT NULL,
    reacted_at  BIGINT NOT NULL,
    CONSTRAINT idea_reactions_pkey PRIMARY KEY (space_id, reaction_id),
    CONSTRAINT idea_reactions_idea_fkey FOREIGN KEY (idea_id) REFERENCES ideas (id) ON DELETE CASCADE
);

CREATE INDEX idea_reactions_person_idx ON idea_reactions (idea_id, user_id);
