SELECT followers, following, posts
FROM feedkit_user_counts
WHERE user_id = :id
