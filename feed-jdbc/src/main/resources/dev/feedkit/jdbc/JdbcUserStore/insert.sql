-- The user and its counter row, in one statement.
WITH new_user AS (
  INSERT INTO feedkit_users (id, handle, handle_key, display_name, created_at)
  VALUES (:id, :handle, :handleKey, :displayName, :createdAt)
  RETURNING id
)
INSERT INTO feedkit_user_counts (user_id)
SELECT id FROM new_user
