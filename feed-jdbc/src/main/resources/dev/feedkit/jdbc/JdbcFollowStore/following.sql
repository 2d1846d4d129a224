-- Whom :user follows, most recent follow first ({order} is DESC) or oldest first (ASC).
SELECT f.id AS follow_id, u.id, u.handle, u.display_name, u.created_at
FROM feedkit_follows f
JOIN feedkit_users u ON u.id = f.followee_id
WHERE f.follower_id = :user AND f.id < :before AND f.id > :after
ORDER BY f.id {order}
LIMIT :limit
