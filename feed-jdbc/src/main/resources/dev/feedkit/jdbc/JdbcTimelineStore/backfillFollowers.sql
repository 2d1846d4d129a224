-- Backfill of every follower of :author, in one statement: locks the followers' horizon rows in
-- ascending order (creating those that are missing), raising each horizon to the author's newest
-- post beyond :cap if there is one; then copies the author's newest :cap posts above each
-- follower's horizon into their timeline; returns the followers.
WITH cut AS (
  SELECT coalesce((
    SELECT id
    FROM feedkit_posts
    WHERE author_id = :author
    ORDER BY id DESC
    OFFSET :cap
    LIMIT 1
  ), 0) AS horizon
),
owners AS (
  INSERT INTO feedkit_timeline_owners AS t (owner_id, horizon)
  SELECT f.follower_id, c.horizon
  FROM feedkit_follows f
  CROSS JOIN cut c
  WHERE f.followee_id = :author
  ORDER BY f.follower_id
  ON CONFLICT (owner_id) DO UPDATE SET horizon = greatest(t.horizon, excluded.horizon)
  RETURNING t.owner_id, t.horizon
),
recent AS (
  SELECT id
  FROM feedkit_posts
  WHERE author_id = :author
  ORDER BY id DESC
  LIMIT :cap
),
added AS (
  INSERT INTO feedkit_home_timeline (owner_id, post_id)
  SELECT o.owner_id, r.id
  FROM owners o
  JOIN recent r ON r.id > o.horizon
  ORDER BY o.owner_id, r.id
  ON CONFLICT DO NOTHING
)
SELECT owner_id FROM owners
