-- Unfollow clean-up, with the owner's row locked (lockOwner): the owner's entries by the author,
-- unless the owner follows the author again. The lock is held before this statement takes its
-- snapshot, so a backfill of a new follow of the pair has either finished (and its follow is
-- seen here) or has not begun.
DELETE FROM feedkit_home_timeline
WHERE owner_id = :owner AND author_id = :author
  AND NOT EXISTS (
    SELECT 1 FROM feedkit_follows WHERE follower_id = :owner AND followee_id = :author
  )
