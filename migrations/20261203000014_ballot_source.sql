-- Which way each ballot came in, so results can say when a platform's own poll shows
-- fewer votes than kumpul counts. On Matrix a poll with public voters is also posted as
-- a native poll (MSC3381), and Element tallies that poll tile from poll response events
-- alone: a vote typed as a command, or cast anywhere else, is counted by kumpul but never
-- appears in the tile.
--   'native': picked in the platform's own poll (a Matrix poll response).
--   'kumpul': anything else kumpul alone sees — a typed command, a ballot form, a
--             button or menu, the console. Every ballot stored before this column
--             existed came this way or through a native poll; they cannot be told apart
--             now, so they count as 'kumpul' (results then say more differ, never fewer).
-- Set in the same write as the ballot; a later vote replaces both (the latest wins).
-- Secret and private polls are never native polls, so their ballots are all 'kumpul' and
-- the column tells nothing about who voted how.
ALTER TABLE ballots ADD COLUMN via TEXT NOT NULL DEFAULT 'kumpul'
    CONSTRAINT ballots_via_check CHECK (via IN ('kumpul', 'native'));
