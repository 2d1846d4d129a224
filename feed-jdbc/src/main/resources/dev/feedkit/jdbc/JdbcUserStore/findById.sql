SELECT id, handle, display_name, created_at
FROM feedkit_users
WHERE id = :id
