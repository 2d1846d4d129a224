-- Which of :ids :user follows (following) and which follow :user (followed_by), in one
-- statement: two probes of the follows' primary key per id, one row per id with either.
SELECT coalesce(out.followee_id, back.follower_id) AS id,
    out.followee_id IS NOT NULL AS following,
    back.follower_id IS NOT NULL AS followed_by
FROM (
  SELECT followee_id
  FROM feedkit_follows
  WHERE follower_id = :user AND followee_id = ANY (CAST(:ids AS bigint[]))
) out
FULL JOIN (
  SELECT follower_id
  FROM feedkit_follows
  WHERE followee_id = :user AND follower_id = ANY (CAST(:ids AS bigint[]))
) back ON back.follower_id = out.followee_id
