-- Stores the post and counts it for its author, in one statement; :key is the SHA-256 of its
-- idempotency key in hex, or null.
WITH added AS (
  INSERT INTO feedkit_posts (author_id, id, text, created_at, idempotency_key)
  VALUES (:author, :id, :text, :createdAt, decode(CAST(:key AS text), 'hex'))
  RETURNING author_id
)
UPDATE feedkit_user_counts c
SET posts = c.posts + 1
FROM added a
WHERE c.user_id = a.author_id
