-- Adds the session only while :passwordHash is still the user's hash; inserts 1 row or none.
-- FOR SHARE is what makes this safe against a concurrent password change: if the change has
-- updated the credential row, this waits for it to end and then re-reads the row, whose hash no
-- longer matches; if this locks the row first, the change waits until this insert has committed,
-- and its purge then sees and deletes the new session. A share lock leaves concurrent log-ins of
-- one user free to run side by side. (The casts type the parameters, which a SELECT list
-- does not take from the target columns.)
INSERT INTO feedkit_sessions (token_hash, user_id, created_at, expires_at)
SELECT CAST(:tokenHash AS bytea), c.user_id, CAST(:createdAt AS timestamptz),
  CAST(:expiresAt AS timestamptz)
FROM feedkit_credentials c
WHERE c.user_id = :user AND c.password_hash = :passwordHash
FOR SHARE
