-- The locks a fan-out takes before fanOut.sql, in a statement of its own so that fanOut.sql's
-- snapshot is taken after them: the post FOR KEY SHARE (as fanOut.sql does), then its author's
-- user row FOR SHARE. An unfollow of the author takes that row FOR NO KEY UPDATE
-- (unfollowLock.sql) before it removes the author's entries from the former follower's
-- timeline, so the two are ordered: a fan-out in flight commits before the unfollow's removal
-- looks, and a fan-out that waited for an unfollow no longer sees its follow. The post comes
-- first because a delete of the post locks the post and then the author's counters, which an
-- unfollow of the author holds; the other order could close a circle. Returns the post's id, or
-- no row if it is gone (then nothing of the author is locked).
WITH post AS (
  SELECT id, author_id
  FROM feedkit_posts
  WHERE author_id = :author AND id = :post
  FOR KEY SHARE
)
SELECT post.id
FROM post
CROSS JOIN LATERAL (
  SELECT id FROM feedkit_users WHERE id = post.author_id FOR SHARE
) author
