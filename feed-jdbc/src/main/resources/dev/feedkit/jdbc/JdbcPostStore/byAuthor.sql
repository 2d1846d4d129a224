-- One author's posts, newest first ({order} is DESC) or oldest first (ASC): a range scan of the
-- primary key from the one end or the other.
SELECT id, author_id, text, created_at
FROM feedkit_posts
WHERE author_id = :author AND id < :before AND id > :after
ORDER BY id {order}
LIMIT :limit
