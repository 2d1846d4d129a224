INSERT INTO feedkit_credentials (user_id, password_hash)
VALUES (:user, :passwordHash)
