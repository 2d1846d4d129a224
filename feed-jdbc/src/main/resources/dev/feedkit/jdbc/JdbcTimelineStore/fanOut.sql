-- Push fan-out of one post: an entry in the timeline of every follower of its author, in one
-- statement, and who they were. Entries that exist are left alone, so a retry adds nothing. They
-- are inserted in ascending follower order, the order in which every statement that writes to
-- many timelines takes their rows, so that two such inserts cannot wait for each other in a
-- circle.
--
-- The post's row is locked FOR KEY SHARE first, and nothing is inserted (nor any follower
-- returned) if it is gone: a delete of the post then waits for this statement to commit, so the
-- clean-up job that the delete queues runs after these entries exist; and a fan-out that comes
-- after a delete adds nothing that the delete's clean-up could have missed.
WITH post AS (
  SELECT id
  FROM feedkit_posts
  WHERE author_id = :author AND id = :post
  FOR KEY SHARE
),
f AS (
  SELECT follower_id
  FROM feedkit_follows
  WHERE followee_id = :author
    AND EXISTS (SELECT 1 FROM post)
),
added AS (
  INSERT INTO feedkit_home_timeline (owner_id, post_id)
  SELECT follower_id, :post
  FROM f
  ORDER BY follower_id
  ON CONFLICT DO NOTHING
)
SELECT follower_id FROM f
