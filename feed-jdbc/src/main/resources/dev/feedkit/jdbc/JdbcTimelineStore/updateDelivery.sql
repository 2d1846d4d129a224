-- Between PULL and BOTH; one row updated if the author had :expected.
UPDATE feedkit_fanout_authors
SET delivery = :update
WHERE author_id = :author AND delivery = :expected
