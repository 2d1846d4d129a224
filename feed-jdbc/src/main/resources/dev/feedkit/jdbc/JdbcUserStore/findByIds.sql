-- A batch of users by primary key: one index probe per id of the bound array.
SELECT id, handle, display_name, created_at
FROM feedkit_users
WHERE id = ANY(CAST(:ids AS bigint[]))
