-- The same single statement without the job row: the floor for storing a post and its own entry.
\set id random(1, 9000000000000000000)
WITH added AS (
  INSERT INTO feedkit_posts (author_id, id, text, created_at)
  VALUES (1, :id, 'a post of some forty characters or so..', now())
  RETURNING author_id, id
),
own AS (
  INSERT INTO feedkit_home_timeline (owner_id, post_id)
  SELECT author_id, id FROM added
  ON CONFLICT DO NOTHING
)
UPDATE feedkit_user_counts c SET posts = c.posts + 1 FROM added a WHERE c.user_id = a.author_id;
