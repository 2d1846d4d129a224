-- Jobs :worker claimed and gives back unstarted: due at once, held by nobody, the claim uncounted.
UPDATE feedkit_jobs
SET run_at = now(),
    leased_until = NULL,
    leased_by = NULL,
    attempts = greatest(attempts - 1, 0)
WHERE id = ANY(CAST(:ids AS bigint[])) AND leased_by = :worker
