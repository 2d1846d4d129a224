-- Claims up to :max due jobs that nobody holds (never claimed, given back, or with an expired
-- lease), oldest due first, skipping those another worker is claiming at this moment, and leases
-- them to :worker for :leaseMillis; each claim counts as an attempt.
WITH due AS (
  SELECT id
  FROM feedkit_jobs
  WHERE run_at <= now()
    AND (leased_until IS NULL OR leased_until < now())
  ORDER BY run_at, id
  LIMIT :max
  FOR UPDATE SKIP LOCKED
)
UPDATE feedkit_jobs j
SET leased_until = now() + make_interval(secs => :leaseMillis / 1000.0),
    leased_by = :worker,
    attempts = j.attempts + 1
FROM due
WHERE j.id = due.id
RETURNING j.id, j.kind, j.subject, j.object, j.attempts
