-- Removes the follow, if any, and uncounts it on both sides; updates 2 rows or none.
WITH removed AS (
  DELETE FROM feedkit_follows
  WHERE follower_id = :follower AND followee_id = :followee
  RETURNING follower_id, followee_id
)
UPDATE feedkit_user_counts c
SET following = c.following - CASE WHEN c.user_id = r.follower_id THEN 1 ELSE 0 END,
    followers = c.followers - CASE WHEN c.user_id = r.followee_id THEN 1 ELSE 0 END
FROM removed r
WHERE c.user_id IN (r.follower_id, r.followee_id)
