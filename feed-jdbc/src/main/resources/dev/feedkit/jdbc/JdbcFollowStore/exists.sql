SELECT EXISTS (
  SELECT 1 FROM feedkit_follows WHERE follower_id = :follower AND followee_id = :followee
)
