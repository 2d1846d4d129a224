-- From PUSH (no row) to PULL or BOTH; one row inserted if the author was PUSH.
INSERT INTO feedkit_fanout_authors (author_id, delivery)
VALUES (:author, :update)
ON CONFLICT DO NOTHING
