-- Unfollow clean-up: the owner's entries by the author, unless the owner follows the author
-- again. Run in the unfollow's own transaction after unfollowLock.sql (the follow's counters are
-- locked too, so no follow of the pair is in flight), or as a queued job with the owner's row
-- locked (lockOwner): the lock is held before this statement takes its snapshot, so a backfill
-- of a new follow of the pair has either finished (and its follow is seen here) or has not
-- begun. Entries hold no author: the owner's entries (about the cap, at most about twice that)
-- are joined to their posts. Entries of deleted posts are the delete's clean-up to remove.
DELETE FROM feedkit_home_timeline t
USING feedkit_posts p
WHERE t.owner_id = :owner AND p.id = t.post_id AND p.author_id = :author
  AND NOT EXISTS (
    SELECT 1 FROM feedkit_follows WHERE follower_id = :owner AND followee_id = :author
  )
