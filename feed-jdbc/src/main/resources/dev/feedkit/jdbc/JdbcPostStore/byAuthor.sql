-- One author's posts, newest first: a backward range scan of the primary key.
SELECT id, author_id, text, created_at
FROM feedkit_posts
WHERE author_id = :author AND id < :before AND id > :after
ORDER BY id DESC
LIMIT :limit
