-- Locks the counter rows of both users in ascending id order (rows are locked as the sort emits
-- them), the one order every follow and unfollow uses.
SELECT user_id
FROM feedkit_user_counts
WHERE user_id IN (:a, :b)
ORDER BY user_id
FOR UPDATE
