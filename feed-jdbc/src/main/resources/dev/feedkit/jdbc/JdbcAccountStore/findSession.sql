SELECT user_id, created_at, expires_at
FROM feedkit_sessions
WHERE token_hash = :tokenHash
