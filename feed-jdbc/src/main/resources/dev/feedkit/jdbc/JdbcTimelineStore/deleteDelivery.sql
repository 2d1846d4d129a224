-- From PULL or BOTH back to PUSH (no row); one row deleted if the author had :expected.
DELETE FROM feedkit_fanout_authors
WHERE author_id = :author AND delivery = :expected
