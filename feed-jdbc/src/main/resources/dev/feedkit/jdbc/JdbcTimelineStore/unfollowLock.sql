-- The lock an unfollow takes on the followee's user row before it removes the followee's
-- entries from the former follower's timeline: FOR NO KEY UPDATE, which waits for every fan-out
-- or backfill of the author in flight (they hold the row FOR SHARE, see fanOutLock.sql) and
-- makes later ones wait, but not the foreign-key checks of new posts and follows (FOR KEY SHARE).
SELECT id
FROM feedkit_users
WHERE id = :author
FOR NO KEY UPDATE
