-- feedkit schema, version 4: the durable queue of background jobs.
--
-- A write that leaves work for later (a post's fan-out to its author's followers, the clean-up
-- after an unfollow or a delete, an author's move between push and pull) inserts its jobs here in
-- the same statement or transaction as the write itself, so that no crash can separate the two.
-- Workers of every feed over the database claim due jobs with FOR UPDATE SKIP LOCKED under a
-- lease (leased_until), run them, and delete them; a job whose worker died is claimed again once
-- its lease has expired. A failed attempt puts the job back with a later run_at. Times are the
-- database's own, so that nodes whose clocks disagree still agree on leases.
--
-- Distribution: jobs are few and short-lived, and a claim must see all of them; on a sharded
-- engine this is a table of the coordinator (a Citus local table), not a distributed one.

CREATE TABLE feedkit_jobs (
  id           bigint GENERATED ALWAYS AS IDENTITY,
  kind         text NOT NULL,
  subject      bigint NOT NULL,
  object       bigint NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  run_at       timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  leased_by    text,
  attempts     integer NOT NULL DEFAULT 0,
  CONSTRAINT feedkit_jobs_pkey PRIMARY KEY (id),
  CONSTRAINT feedkit_jobs_kind
    CHECK (kind IN ('FAN_OUT', 'REMOVE_POST', 'REMOVE_AUTHOR', 'CHECK_DELIVERY')),
  CONSTRAINT feedkit_jobs_ids CHECK (subject > 0 AND object >= 0),
  CONSTRAINT feedkit_jobs_attempts_not_negative CHECK (attempts >= 0),
  CONSTRAINT feedkit_jobs_lease CHECK ((leased_until IS NULL) = (leased_by IS NULL))
);

-- A claim takes the due jobs in order of their due time.
CREATE INDEX feedkit_jobs_due ON feedkit_jobs (run_at, id);
