-- A page of one owner's home timeline above the horizon, in one statement: the posts of the
-- owner's entries (as read.sql finds them) and the posts of each followee merged on read (as
-- followeesMergedOnRead.sql and JdbcPostStore/byAuthors.sql find them), each post once, the
-- newest :limit with greatest(:after, horizon) < id < :before ({order} is DESC), or the oldest
-- (ASC, with {above} bounding the entries as in read.sql); with each row the horizon and the
-- followees merged on read, read in the same snapshot. Without posts, one row of those two
-- alone. The rows come in no particular order: the store sorts the page.
--
-- Why it costs the same whatever the number followed:
-- * no entry is checked against the follows: an unfollow removes the author's entries at once
--   (see read.sql).
-- * the followees merged on read are found from the (small) table of such authors, each probed
--   in the owner's follows, not by walking the owner's follows.
-- * newest first, entries at or below the horizon are not excluded in the entries' scan, for the
--   reasons given in read.sql; they are dropped after it, which is exact, since they are older
--   than every entry above it.
-- * the posts' columns are carried through, so that no post is looked up twice.
WITH h AS (
  SELECT coalesce(max(horizon), 0) AS horizon
  FROM feedkit_timeline_owners
  WHERE owner_id = :owner
),
pulled AS (
  SELECT a.author_id
  FROM feedkit_fanout_authors a
  WHERE EXISTS (
    SELECT 1 FROM feedkit_follows f WHERE f.follower_id = :owner AND f.followee_id = a.author_id
  )
),
entries AS (
  SELECT p.id, p.author_id, p.text, p.created_at
  FROM feedkit_home_timeline t
  JOIN feedkit_posts p ON p.id = t.post_id
  WHERE t.owner_id = :owner
    AND t.post_id < :before
    AND t.post_id > {above}
  ORDER BY t.post_id {order}
  LIMIT :limit
),
merged AS (
  SELECT q.id, q.author_id, q.text, q.created_at
  FROM pulled
  CROSS JOIN LATERAL (
    SELECT id, author_id, text, created_at
    FROM feedkit_posts
    WHERE author_id = pulled.author_id
      AND id < :before
      AND id > greatest(:after, (SELECT horizon FROM h))
    ORDER BY id {order}
    LIMIT :limit
  ) q
)
SELECT h.horizon, array(SELECT author_id FROM pulled) AS merged,
    e.id, e.author_id, e.text, e.created_at
FROM h
LEFT JOIN (
  SELECT DISTINCT ON (u.id) u.id, u.author_id, u.text, u.created_at
  FROM (SELECT * FROM entries UNION ALL SELECT * FROM merged) u
  WHERE u.id > (SELECT horizon FROM h)
  ORDER BY u.id {order}
  LIMIT :limit
) e ON true
