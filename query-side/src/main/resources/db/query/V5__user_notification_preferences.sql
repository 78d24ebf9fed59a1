-- What a user chose for their messages: the language, and the channels they opted out of (comma-separated, in
-- the Channel enum's order). Users who never chose have the User aggregate's defaults.
ALTER TABLE user_view ADD COLUMN language  VARCHAR(8)  NOT NULL DEFAULT 'en';
ALTER TABLE user_view ADD COLUMN opted_out VARCHAR(64) NOT NULL DEFAULT '';
