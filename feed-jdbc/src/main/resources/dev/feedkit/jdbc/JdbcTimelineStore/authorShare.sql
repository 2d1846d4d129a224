-- The lock a backfill of every follower of :author takes first, in a statement of its own: the
-- author's user row FOR SHARE, as a fan-out does (see fanOutLock.sql), so that an unfollow of the
-- author is ordered before or after it.
SELECT id
FROM feedkit_users
WHERE id = :author
FOR SHARE
