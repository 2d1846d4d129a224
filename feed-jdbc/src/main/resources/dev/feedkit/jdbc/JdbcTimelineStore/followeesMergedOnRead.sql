-- The authors :owner follows whose posts are merged on read. feedkit_fanout_authors holds only
-- such authors, few in the whole store, so it is read whole and each is probed in the owner's
-- follows, rather than walking everyone the owner follows.
SELECT a.author_id
FROM feedkit_fanout_authors a
WHERE EXISTS (
  SELECT 1 FROM feedkit_follows f WHERE f.follower_id = :owner AND f.followee_id = a.author_id
)
