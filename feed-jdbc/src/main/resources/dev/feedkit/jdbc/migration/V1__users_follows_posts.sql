-- feedkit schema, version 1: users, their counters, follows and posts.
--
-- Every table leads its primary key with its distribution key (users and counters by user id,
-- follows by follower, posts by author), so that the schema can be distributed by those columns
-- on a sharded PostgreSQL-compatible engine. Every read of the store is an index range scan on
-- one of the indexes below (QueryPlanTest reads the plans). Later versions (home timelines,
-- accounts) come as V2__..., V3__... files beside this one.

CREATE TABLE feedkit_users (
  id           bigint      NOT NULL,
  handle       text        NOT NULL,
  -- The handle as compared and searched: lower-case ASCII, in byte order so that prefix search
  -- and its ordering do not depend on the database's locale.
  handle_key   text        COLLATE "C" NOT NULL,
  display_name text        NOT NULL,
  created_at   timestamptz NOT NULL,
  CONSTRAINT feedkit_users_pkey PRIMARY KEY (id),
  CONSTRAINT feedkit_users_id_positive CHECK (id > 0),
  CONSTRAINT feedkit_users_handle_valid CHECK (handle ~ '^[A-Za-z0-9_]{3,30}$'),
  CONSTRAINT feedkit_users_handle_key_lower
    CHECK (handle_key = translate(handle, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')),
  CONSTRAINT feedkit_users_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 50)
);

-- Handles are unique without regard to case; this index also serves lookups and prefix search.
CREATE UNIQUE INDEX feedkit_users_handle_key ON feedkit_users (handle_key);

-- The counters of one user, apart from the user row so that follows and posts do not rewrite it.
-- They change in the same transaction as the rows they count.
CREATE TABLE feedkit_user_counts (
  user_id   bigint NOT NULL,
  followers bigint NOT NULL DEFAULT 0,
  following bigint NOT NULL DEFAULT 0,
  posts     bigint NOT NULL DEFAULT 0,
  CONSTRAINT feedkit_user_counts_pkey PRIMARY KEY (user_id),
  CONSTRAINT feedkit_user_counts_user FOREIGN KEY (user_id) REFERENCES feedkit_users (id)
    ON DELETE CASCADE,
  CONSTRAINT feedkit_user_counts_not_negative CHECK (followers >= 0 AND following >= 0 AND posts >= 0)
);

CREATE TABLE feedkit_follows (
  follower_id bigint NOT NULL,
  followee_id bigint NOT NULL,
  -- Time-ordered; the cursor of follower and following lists.
  id          bigint NOT NULL,
  CONSTRAINT feedkit_follows_pkey PRIMARY KEY (follower_id, followee_id),
  CONSTRAINT feedkit_follows_follower FOREIGN KEY (follower_id) REFERENCES feedkit_users (id)
    ON DELETE CASCADE,
  CONSTRAINT feedkit_follows_followee FOREIGN KEY (followee_id) REFERENCES feedkit_users (id)
    ON DELETE CASCADE,
  CONSTRAINT feedkit_follows_not_self CHECK (follower_id <> followee_id),
  CONSTRAINT feedkit_follows_id_positive CHECK (id > 0)
);

-- Whom a user follows, newest follow first; the followee is included so that the pull timeline
-- and following lists read the index alone.
CREATE INDEX feedkit_follows_by_follower ON feedkit_follows (follower_id, id) INCLUDE (followee_id);
-- Who follows a user, newest follow first (the reverse index).
CREATE INDEX feedkit_follows_by_followee ON feedkit_follows (followee_id, id) INCLUDE (follower_id);

CREATE TABLE feedkit_posts (
  author_id  bigint      NOT NULL,
  id         bigint      NOT NULL,
  text       text        NOT NULL,
  created_at timestamptz NOT NULL,
  -- (author, id) is both the distribution key and the index of every author's newest posts.
  CONSTRAINT feedkit_posts_pkey PRIMARY KEY (author_id, id),
  CONSTRAINT feedkit_posts_author FOREIGN KEY (author_id) REFERENCES feedkit_users (id)
    ON DELETE CASCADE,
  CONSTRAINT feedkit_posts_id_positive CHECK (id > 0),
  CONSTRAINT feedkit_posts_text_length CHECK (char_length(text) BETWEEN 1 AND 280),
  CONSTRAINT feedkit_posts_text_not_blank CHECK (text ~ '[^[:space:]]')
);

-- Post ids are unique across authors; this index serves lookups by id. (On an engine that allows
-- unique indexes only with the distribution key, it becomes a plain index: ids are unique by
-- construction.)
CREATE UNIQUE INDEX feedkit_posts_id ON feedkit_posts (id);
