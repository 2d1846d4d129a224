-- A job whose attempt failed: due again after :delayMillis, held by nobody.
UPDATE feedkit_jobs
SET run_at = now() + make_interval(secs => :delayMillis / 1000.0),
    leased_until = NULL,
    leased_by = NULL
WHERE id = :id
