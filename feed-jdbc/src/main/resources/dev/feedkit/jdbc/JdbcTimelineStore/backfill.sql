-- Follow backfill, with the owner's row locked (lockOwner): copies the author's newest :cap posts
-- above the owner's horizon into the owner's timeline, and if the author has more posts, raises
-- the horizon to the newest one left out, so that the timeline is complete above it.
WITH raised AS (
  UPDATE feedkit_timeline_owners t
  SET horizon = c.id
  FROM (
    SELECT id
    FROM feedkit_posts
    WHERE author_id = :author
    ORDER BY id DESC
    OFFSET :cap
    LIMIT 1
  ) c
  WHERE t.owner_id = :owner AND t.horizon < c.id
)
INSERT INTO feedkit_home_timeline (owner_id, post_id)
SELECT :owner, p.id
FROM feedkit_posts p
WHERE p.author_id = :author
  AND p.id > coalesce((SELECT horizon FROM feedkit_timeline_owners WHERE owner_id = :owner), 0)
ORDER BY p.id DESC
LIMIT :cap
ON CONFLICT DO NOTHING
