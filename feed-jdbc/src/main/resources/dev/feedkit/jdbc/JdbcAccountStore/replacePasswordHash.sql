-- A compare-and-set on the hash; updates 1 row or none. The row stays locked until the
-- transaction ends, which holds back session inserts checked against the old hash.
UPDATE feedkit_credentials
SET password_hash = :replacement
WHERE user_id = :user AND password_hash = :expected
