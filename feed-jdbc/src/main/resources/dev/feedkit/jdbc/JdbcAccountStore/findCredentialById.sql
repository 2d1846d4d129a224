SELECT user_id, password_hash
FROM feedkit_credentials
WHERE user_id = :user
