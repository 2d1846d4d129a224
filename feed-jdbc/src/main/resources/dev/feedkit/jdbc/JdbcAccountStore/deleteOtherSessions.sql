-- Run after replacePasswordHash in the same transaction, as a statement of its own: its snapshot
-- is taken once that statement holds the credential row, so it sees every session inserted under
-- the old hash (a data-modifying WITH would share the UPDATE's earlier snapshot and miss them).
-- :keep may be null: then no session is kept.
DELETE FROM feedkit_sessions
WHERE user_id = :user AND token_hash IS DISTINCT FROM :keep
