-- Deletes a post, uncounts it and queues its clean-up jobs, in one statement; updates 1 row or
-- none (no such post: nothing written).
WITH removed AS (
  DELETE FROM feedkit_posts
  WHERE id = :id
  RETURNING author_id
),
queued AS (
  INSERT INTO feedkit_jobs (kind, subject, object)
  SELECT j.kind, j.subject, j.object
  FROM removed
  CROSS JOIN unnest(CAST(:kinds AS text[]), CAST(:subjects AS bigint[]),
                    CAST(:objects AS bigint[])) AS j(kind, subject, object)
)
UPDATE feedkit_user_counts c
SET posts = c.posts - 1
FROM removed r
WHERE c.user_id = r.author_id
