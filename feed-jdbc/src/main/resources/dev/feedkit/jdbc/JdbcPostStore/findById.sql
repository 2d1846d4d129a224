SELECT id, author_id, text, created_at
FROM feedkit_posts
WHERE id = :id
