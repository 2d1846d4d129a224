-- One owner's timeline: the posts of the newest ({order} is DESC) or oldest (ASC) :limit entries
-- with {above} < id < :before, skipping entries whose post is gone (so that a page is filled from
-- further entries), read from the primary key, the author taken from the post; and with each,
-- the owner's horizon, read in the same snapshot. Without such entries, one row of the horizon
-- alone. The rows come in no particular order: the store sorts the page.
--
-- Every entry's author is the owner or followed by the owner: an unfollow removes the author's
-- entries in its own transaction, ordered against fan-outs (unfollowLock.sql), so nothing here
-- checks the follows.
--
-- For the planner's sake, newest first, {above} is :after: entries at or below the horizon are
-- not excluded, since they are older than every entry above it, so they only ever fill the end
-- of a page that reaches the horizon anyway, while a bound it cannot see would make it expect a
-- tiny range (and sort the whole range instead of reading it in index order). Oldest first they
-- would come first, so {above} is ":after AND t.post_id + 0 > horizon": the + 0 keeps the
-- horizon a filter, out of the index range whose size the planner estimates.
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
  ORDER BY t.post_id {order}
  LIMIT :limit
) e ON true
