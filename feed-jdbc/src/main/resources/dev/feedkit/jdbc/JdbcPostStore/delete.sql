-- Deletes the post and uncounts it for its author, in one statement; updates 1 row or none.
WITH removed AS (
  DELETE FROM feedkit_posts
  WHERE id = :id
  RETURNING author_id
)
UPDATE feedkit_user_counts c
SET posts = c.posts - 1
FROM removed r
WHERE c.user_id = r.author_id
