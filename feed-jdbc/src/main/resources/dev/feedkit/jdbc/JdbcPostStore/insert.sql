-- Stores the post and counts it for its author, in one statement.
WITH added AS (
  INSERT INTO feedkit_posts (author_id, id, text, created_at)
  VALUES (:author, :id, :text, :createdAt)
  RETURNING author_id
)
UPDATE feedkit_user_counts c
SET posts = c.posts + 1
FROM added a
WHERE c.user_id = a.author_id
