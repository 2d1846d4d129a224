-- An author's delivery inside a follow's transaction; no row means PUSH. The row, if any, is read
-- FOR SHARE, so that a move from PULL (an UPDATE of this row) waits for the follow to commit, and
-- the backfill of every follower that comes after that move sees the new follow.
SELECT delivery FROM feedkit_fanout_authors WHERE author_id = :author FOR SHARE
