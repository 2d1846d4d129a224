-- Empty for an unknown handle and for a user without a password alike.
SELECT c.user_id, c.password_hash
FROM feedkit_users u
JOIN feedkit_credentials c ON c.user_id = u.id
WHERE u.handle_key = :handleKey
