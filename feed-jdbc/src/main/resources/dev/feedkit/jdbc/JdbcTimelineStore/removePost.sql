-- Delete clean-up: every entry of a deleted post, in every timeline.
DELETE FROM feedkit_home_timeline
WHERE post_id = :post
