-- A session renewed while this runs is checked again in its new version, and kept.
DELETE FROM feedkit_sessions
WHERE expires_at <= :now
