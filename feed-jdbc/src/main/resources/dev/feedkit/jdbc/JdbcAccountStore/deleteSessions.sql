DELETE FROM feedkit_sessions
WHERE user_id = :user
