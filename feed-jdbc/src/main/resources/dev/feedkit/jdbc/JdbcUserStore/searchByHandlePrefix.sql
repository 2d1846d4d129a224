-- Every key that starts with the prefix lies in [prefix, prefix || U+007F) in the "C" collation.
SELECT id, handle, display_name, created_at
FROM feedkit_users
WHERE handle_key >= :from AND handle_key < :to
ORDER BY handle_key
LIMIT :limit
