-- Updates 1 row or none; a deleted session is not brought back.
UPDATE feedkit_sessions
SET expires_at = :expiresAt
WHERE token_hash = :tokenHash
