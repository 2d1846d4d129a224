-- feedkit schema, version 6: idempotency keys of posts.
--
-- A post made with Feed.post(author, text, key) carries the SHA-256 of its key (32 bytes; the
-- key itself is never stored). The partial unique index is what makes a retried or concurrent
-- post under one key store one post: the second insert waits for the first's transaction on the
-- index entry and then fails with a unique violation, having written nothing, and the store
-- answers with the post that holds the key. Posts without a key (the usual case) carry a null,
-- which costs no index entry. A key names its post for as long as the post exists: the delete
-- takes the index entry with the row.
--
-- CREATE INDEX (not CONCURRENTLY, which Flyway cannot run in its transaction) blocks writes to
-- the posts table while it builds; on a large table, run this migration in a quiet moment.

ALTER TABLE feedkit_posts ADD COLUMN idempotency_key bytea;

ALTER TABLE feedkit_posts ADD CONSTRAINT feedkit_posts_idempotency_key_sha256
  CHECK (octet_length(idempotency_key) = 32);

CREATE UNIQUE INDEX feedkit_posts_idempotency_key
  ON feedkit_posts (author_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
