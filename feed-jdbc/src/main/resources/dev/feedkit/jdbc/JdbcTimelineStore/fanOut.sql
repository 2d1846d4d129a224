-- Push fan-out of one post: an entry in the timeline of every follower of its author, in one
-- statement, and who they were. Entries that exist are left alone, so a retry adds nothing. They
-- are inserted in ascending follower order, the order in which every statement that writes to
-- many timelines takes their rows, so that two such inserts cannot wait for each other in a
-- circle.
WITH f AS (
  SELECT follower_id
  FROM feedkit_follows
  WHERE followee_id = :author
),
added AS (
  INSERT INTO feedkit_home_timeline (owner_id, post_id, author_id)
  SELECT follower_id, :post, :author
  FROM f
  ORDER BY follower_id
  ON CONFLICT DO NOTHING
)
SELECT follower_id FROM f
