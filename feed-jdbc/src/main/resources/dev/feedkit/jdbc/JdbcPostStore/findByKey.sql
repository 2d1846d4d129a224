-- The post an author made under an idempotency key (its SHA-256 in hex), by the partial unique
-- index on (author_id, idempotency_key).
SELECT id, author_id, text, created_at
FROM feedkit_posts
WHERE author_id = :author
  AND idempotency_key = decode(CAST(:key AS text), 'hex')
