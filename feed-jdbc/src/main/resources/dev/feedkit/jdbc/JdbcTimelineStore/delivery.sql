-- An author's delivery; no row means PUSH.
SELECT delivery FROM feedkit_fanout_authors WHERE author_id = :author
