SELECT followee_id
FROM feedkit_follows
WHERE follower_id = :user
