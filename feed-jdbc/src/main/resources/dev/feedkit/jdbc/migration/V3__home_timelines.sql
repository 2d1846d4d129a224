-- feedkit schema, version 3: materialized home timelines, kept by the push and hybrid fan-out
-- policies (the pull policy never touches these tables).
--
-- An entry (owner, post, author) says that the post belongs on the owner's home timeline. Entries
-- are only candidates: a read skips those whose post is gone or whose author the owner no longer
-- follows, and the store removes them in the background (the engine calls it after an unfollow or
-- a delete). Each owner has a horizon: above it the timeline holds every post it should. A trim
-- to the cap raises the horizon in the same statement that deletes the entries at or below it.
--
-- Distribution: timelines and their horizons by owner, deliveries by author, like every table
-- before them. A timeline read, a fan-out's inserts for one follower, a backfill, a trim and an
-- unfollow's clean-up then each stay on the owner's shard; the clean-up after a delete (entries
-- by post id, on every shard) is the one statement that asks every shard, and it is rare.
--
-- Entries deliberately hold no foreign keys. One to the post would either refuse the post's
-- delete or, cascading, delete its entries from every follower's timeline on the poster's thread,
-- in the delete's transaction, across shards; the engine removes them in the background instead
-- (TimelineStore.removePost), and reads skip them until then. One to the owner would be checked
-- for every row a fan-out inserts: it made the fan-out of a post to 10,000 followers about half
-- as slow again, to guard rows that only the store writes, copied from follows and posts that
-- have their keys.

CREATE TABLE feedkit_home_timeline (
  owner_id  bigint NOT NULL,
  post_id   bigint NOT NULL,
  author_id bigint NOT NULL,
  -- Reads walk one owner's entries newest first; the author rides along in the index, so that the
  -- "is the author still followed" test needs no visit to the table.
  CONSTRAINT feedkit_home_timeline_pkey PRIMARY KEY (owner_id, post_id) INCLUDE (author_id),
  CONSTRAINT feedkit_home_timeline_ids_positive
    CHECK (owner_id > 0 AND post_id > 0 AND author_id > 0)
);

-- An unfollow's clean-up: one owner's entries by one author.
CREATE INDEX feedkit_home_timeline_by_author ON feedkit_home_timeline (owner_id, author_id);
-- A delete's clean-up: every entry of one post.
CREATE INDEX feedkit_home_timeline_by_post ON feedkit_home_timeline (post_id);

-- The horizon of each owner who has one; a missing row means 0. The row is also the lock that
-- orders the writes to one owner's timeline that must not interleave (a follow's backfill, an
-- unfollow's clean-up, trims), always taken in ascending owner order.
CREATE TABLE feedkit_timeline_owners (
  owner_id bigint NOT NULL,
  horizon  bigint NOT NULL DEFAULT 0,
  CONSTRAINT feedkit_timeline_owners_pkey PRIMARY KEY (owner_id),
  CONSTRAINT feedkit_timeline_owners_owner FOREIGN KEY (owner_id) REFERENCES feedkit_users (id)
    ON DELETE CASCADE,
  CONSTRAINT feedkit_timeline_owners_horizon_not_negative CHECK (horizon >= 0)
);

-- How an author's posts reach followers, for the few authors whose posts are merged on read
-- (PULL: never copied; BOTH: on the way back to push). Every author without a row is PUSH, so
-- that the table stays as small as the number of celebrities and can be read whole.
CREATE TABLE feedkit_fanout_authors (
  author_id bigint NOT NULL,
  delivery  text   NOT NULL,
  CONSTRAINT feedkit_fanout_authors_pkey PRIMARY KEY (author_id),
  CONSTRAINT feedkit_fanout_authors_author FOREIGN KEY (author_id) REFERENCES feedkit_users (id)
    ON DELETE CASCADE,
  CONSTRAINT feedkit_fanout_authors_delivery_valid CHECK (delivery IN ('PULL', 'BOTH'))
);

-- A database upgraded from version 2 holds posts that no timeline holds: only the pull policy ran
-- on it. Each of its users starts with a horizon at the newest of them, so that reads take those
-- posts from the authors' own post lists, exactly as the pull policy did, and timelines need only
-- hold what comes after. (A new database has no posts yet, and this inserts nothing.)
INSERT INTO feedkit_timeline_owners (owner_id, horizon)
SELECT u.id, newest.id
FROM feedkit_users u
CROSS JOIN (SELECT max(id) AS id FROM feedkit_posts) newest
WHERE newest.id IS NOT NULL;
