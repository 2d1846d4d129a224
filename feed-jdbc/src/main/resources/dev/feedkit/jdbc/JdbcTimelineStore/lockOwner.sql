-- Locks the owner's horizon row, creating it (horizon 0) if missing: the lock that a backfill,
-- an unfollow's clean-up and a trim of this owner take before they change the timeline. The
-- update never happens, but ON CONFLICT DO UPDATE locks the conflicting row all the same, as
-- INSERT ... ON CONFLICT DO NOTHING followed by SELECT ... FOR UPDATE would, in one round trip
-- and without writing a new row version.
INSERT INTO feedkit_timeline_owners AS t (owner_id)
VALUES (:owner)
ON CONFLICT (owner_id) DO UPDATE SET horizon = t.horizon WHERE false
