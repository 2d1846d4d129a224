-- A batch of counter rows by primary key: one index probe per id of the bound array.
SELECT user_id, followers, following, posts
FROM feedkit_user_counts
WHERE user_id = ANY(CAST(:ids AS bigint[]))
