-- feedkit schema, version 2: accounts, that is password credentials and sessions.
--
-- The store never sees a password or a session token, only their hashes: an encoded salted
-- password hash per user, and the SHA-256 of each session token.
--
-- Distribution: credentials lead with the user id, like every table of V1, and sit beside their
-- user. Sessions are found by token hash on every authenticated request, so their primary key,
-- and on a sharded engine their distribution key, is the token hash: a look-up reads one shard.
-- The rare per-user writes (log out everywhere, the purge of a password change) then read the
-- index by user on every shard. (Distributing sessions by user id instead would co-locate them
-- with the credential, but the primary key would have to become (user_id, token_hash) and every
-- look-up by token would ask every shard.)

CREATE TABLE feedkit_credentials (
  user_id       bigint NOT NULL,
  -- Opaque to the store: it names its algorithm and parameters ($pbkdf2-sha256$i=...$salt$hash).
  password_hash text   NOT NULL,
  CONSTRAINT feedkit_credentials_pkey PRIMARY KEY (user_id),
  CONSTRAINT feedkit_credentials_user FOREIGN KEY (user_id) REFERENCES feedkit_users (id)
    ON DELETE CASCADE,
  -- 1 to 255 printable ASCII characters, no spaces: any encoding feedkit writes, nothing else.
  CONSTRAINT feedkit_credentials_password_hash_valid CHECK (password_hash ~ '^[\x21-\x7e]{1,255}$')
);

CREATE TABLE feedkit_sessions (
  -- The SHA-256 of the token, as its 32 bytes (the SPI's 64 hex digits, decoded).
  token_hash bytea       NOT NULL,
  user_id    bigint      NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT feedkit_sessions_pkey PRIMARY KEY (token_hash),
  -- Only a user with a password has sessions; deleting the credential ends them.
  CONSTRAINT feedkit_sessions_credential FOREIGN KEY (user_id)
    REFERENCES feedkit_credentials (user_id) ON DELETE CASCADE,
  CONSTRAINT feedkit_sessions_token_hash_sha256 CHECK (octet_length(token_hash) = 32),
  CONSTRAINT feedkit_sessions_expire_after_creation CHECK (expires_at > created_at)
);

-- Every session of a user: log out everywhere, and the purge of a password change.
CREATE INDEX feedkit_sessions_by_user ON feedkit_sessions (user_id);
-- Sessions by expiry: the sweep deletes the oldest range.
CREATE INDEX feedkit_sessions_by_expiry ON feedkit_sessions (expires_at);
