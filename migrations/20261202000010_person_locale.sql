-- The language a person reads kumpul in, for what kumpul sends them privately on its own
-- (a personal reminder, "you got a place"): a scheduled message answers no command, so
-- there is no request whose language it could take.
--
-- It is the language the platform last reported for the person (Discord: the client
-- language of their last interaction), recorded when it changes. NULL: none was ever
-- reported (Matrix and the console report none), and the space's language is used, the
-- same one their replies there are written in. Kept per platform account like the zone,
-- since a person's client language does not depend on the space.
ALTER TABLE user_settings ADD COLUMN locale TEXT;
