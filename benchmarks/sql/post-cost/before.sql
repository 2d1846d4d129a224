-- A post as it was stored before durable delivery: the post with its count, then the author's
-- own timeline entry, two statements (the fan-out job lived only in memory).
\set id random(1, 9000000000000000000)
BEGIN;
WITH added AS (
  INSERT INTO feedkit_posts (author_id, id, text, created_at)
  VALUES (1, :id, 'a post of some forty characters or so..', now())
  RETURNING author_id
)
UPDATE feedkit_user_counts c SET posts = c.posts + 1 FROM added a WHERE c.user_id = a.author_id;
INSERT INTO feedkit_home_timeline (owner_id, post_id) VALUES (1, :id)
ON CONFLICT DO NOTHING;
COMMIT;
