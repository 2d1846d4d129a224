-- The pull timeline's merge in one statement. For each author, a range scan of the primary key
-- (author_id, id) yields at most :limit ids, newest first ({order} is DESC) or oldest first
-- (ASC), without touching the table; the first :limit of all of them in that order are then
-- joined back for their text.
WITH chosen AS (
  SELECT p.author_id, p.id
  FROM unnest(CAST(:authors AS bigint[])) AS a(author_id)
  CROSS JOIN LATERAL (
    SELECT author_id, id
    FROM feedkit_posts
    WHERE author_id = a.author_id AND id < :before AND id > :after
    ORDER BY id {order}
    LIMIT :limit
  ) p
  ORDER BY p.id {order}
  LIMIT :limit
)
SELECT p.id, p.author_id, p.text, p.created_at
FROM chosen n
JOIN feedkit_posts p ON p.author_id = n.author_id AND p.id = n.id
ORDER BY p.id {order}
