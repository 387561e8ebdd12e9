-- A platform role whose members count as moderators in a space (Discord), stored as a
-- `platform:id` key; NULL: only the platform's own moderator permission counts.
ALTER TABLE spaces ADD COLUMN moderator_role TEXT;
