-- A post as feedkit stores it now (JdbcTimelineStore/insertPost.sql): the post, its count, the
-- author's own entry and its fan-out job, one statement.
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
),
queued AS (
  INSERT INTO feedkit_jobs (kind, subject, object)
  SELECT j.kind, j.subject, j.object
  FROM added
  CROSS JOIN unnest(ARRAY['FAN_OUT'], ARRAY[:id::bigint], ARRAY[1::bigint]) AS j(kind, subject, object)
)
UPDATE feedkit_user_counts c SET posts = c.posts + 1 FROM added a WHERE c.user_id = a.author_id;
