-- feedkit schema, version 5: leaner timeline entries, and autovacuum settings of their own for
-- the table that every post writes to.
--
-- An entry is now (owner, post): 44 bytes of table and about 36 of primary key per entry, where
-- (owner, post, author) took 52 and 45, and the index by (owner, author) about 11 more (measured
-- on the benchmark suite's quick graph after VACUUM). The author was kept for the "is the author
-- still followed" test of a read, but every read joins each entry to its post anyway, and takes
-- the author from there; and for an unfollow's clean-up, which now joins the owner's entries (at
-- most about twice the cap) to their posts instead: it runs once per unfollow, in the background.
--
-- Dropping the column does not rewrite the table: existing rows keep their bytes until a trim,
-- a delete or VACUUM FULL replaces them; new rows are small at once. The primary key is rebuilt,
-- under an exclusive lock on the table for as long as that takes (about a second per million
-- entries on a small machine): on a large store, run this migration at a quiet time.
--
-- Autovacuum: by default a table is vacuumed after 20% of it has changed, and analyzed after
-- 10%. For the timeline table, which every post, trim and clean-up writes to, that leaves most
-- of its visibility map unset, so that the trims' index-only scans fetch heap pages (twice as
-- slow, measured), and leaves its statistics stale: on a table without them, the trim's DELETE
-- was planned as a sequential scan of every entry (a post to 1,000 followers then took up to
-- 4.6 s). 1% of the table, and a vacuum after inserts alone as well, keep both fresh.

ALTER TABLE feedkit_home_timeline DROP CONSTRAINT feedkit_home_timeline_pkey;
ALTER TABLE feedkit_home_timeline DROP CONSTRAINT feedkit_home_timeline_ids_positive;
-- Drops the index by (owner, author) with it.
ALTER TABLE feedkit_home_timeline DROP COLUMN author_id;

ALTER TABLE feedkit_home_timeline
  -- Reads walk one owner's entries newest first; trims count an owner's entries from the top.
  ADD CONSTRAINT feedkit_home_timeline_pkey PRIMARY KEY (owner_id, post_id),
  ADD CONSTRAINT feedkit_home_timeline_ids_positive CHECK (owner_id > 0 AND post_id > 0);

ALTER TABLE feedkit_home_timeline SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_analyze_scale_factor = 0.01
);
