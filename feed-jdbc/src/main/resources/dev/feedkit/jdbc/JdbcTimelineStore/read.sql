-- One owner's timeline: the posts of the newest ({order} is DESC) or oldest (ASC) :limit entries
-- with {above} < id < :before,
-- skipping entries whose post is gone or whose author is neither the owner nor followed by the
-- owner (so that a page is filled from further entries), read backwards from the primary key,
-- the author taken from the post; and with each, the owner's horizon, read in the same snapshot.
-- Without such entries, one row of the horizon alone. The rows come in no particular order: the
-- store sorts the page.
--
-- For the planner's sake: the OFFSET 0 keeps "the author is still followed" a probe of the
-- follows' primary key per entry read, where a plain EXISTS under the OR would be a hashed
-- subplan that reads every follow of the owner first. Newest first, {above} is :after: entries at
-- or below the horizon are not excluded, since they are older than every entry above it, so they
-- only ever fill the end of a page that reaches the horizon anyway, while a bound it cannot see
-- would make it expect a tiny range. Oldest first they would come first, so {above} is
-- greatest(:after, horizon).
WITH h AS (
  SELECT coalesce(max(horizon), 0) AS horizon
  FROM feedkit_timeline_owners
  WHERE owner_id = :owner
)
SELECT h.horizon, e.id, e.author_id, e.text, e.created_at
FROM h
LEFT JOIN (
  SELECT p.id, p.author_id, p.text, p.created_at
  FROM feedkit_home_timeline t
  JOIN feedkit_posts p ON p.id = t.post_id
  WHERE t.owner_id = :owner
    AND t.post_id < :before
    AND t.post_id > {above}
    AND (p.author_id = :owner OR EXISTS (
      SELECT 1 FROM feedkit_follows f WHERE f.follower_id = :owner AND f.followee_id = p.author_id
      OFFSET 0))
  ORDER BY t.post_id {order}
  LIMIT :limit
) e ON true
