-- Adds the follow unless the pair exists, and counts it on both sides; updates 2 rows or none.
WITH added AS (
  INSERT INTO feedkit_follows (follower_id, followee_id, id)
  VALUES (:follower, :followee, :id)
  ON CONFLICT (follower_id, followee_id) DO NOTHING
  RETURNING follower_id, followee_id
)
UPDATE feedkit_user_counts c
SET following = c.following + CASE WHEN c.user_id = a.follower_id THEN 1 ELSE 0 END,
    followers = c.followers + CASE WHEN c.user_id = a.followee_id THEN 1 ELSE 0 END
FROM added a
WHERE c.user_id IN (a.follower_id, a.followee_id)
