-- A new post, in one statement: the post, its author's own timeline entry, its jobs (three arrays
-- of the same length) and its author's post count, all or nothing; returns the author's delivery
-- (no row: PUSH), so that the engine needs no second round trip to learn whether readers merge
-- the author's posts. A missing author fails the post's foreign key, and a taken idempotency key
-- (:key, the SHA-256 of the key in hex, or null) its unique index, so nothing else is written.
WITH added AS (
  INSERT INTO feedkit_posts (author_id, id, text, created_at, idempotency_key)
  VALUES (:author, :id, :text, :createdAt, decode(CAST(:key AS text), 'hex'))
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
  CROSS JOIN unnest(CAST(:kinds AS text[]), CAST(:subjects AS bigint[]),
                    CAST(:objects AS bigint[])) AS j(kind, subject, object)
)
UPDATE feedkit_user_counts c
SET posts = c.posts + 1
FROM added a
WHERE c.user_id = a.author_id
RETURNING coalesce(
  (SELECT d.delivery FROM feedkit_fanout_authors d WHERE d.author_id = c.user_id), 'PUSH')
