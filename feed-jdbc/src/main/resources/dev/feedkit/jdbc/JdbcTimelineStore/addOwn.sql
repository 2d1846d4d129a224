-- The author's own entry for a new post; nothing if it is there already.
INSERT INTO feedkit_home_timeline (owner_id, post_id, author_id)
VALUES (:author, :post, :author)
ON CONFLICT DO NOTHING
