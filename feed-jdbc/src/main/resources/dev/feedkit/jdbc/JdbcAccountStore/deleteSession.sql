DELETE FROM feedkit_sessions
WHERE token_hash = :tokenHash
