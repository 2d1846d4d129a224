-- The largest id of a queued job, 0 when none is queued: every job queued before this statement
-- and still pending has an id at or below it.
SELECT coalesce(max(id), 0) FROM feedkit_jobs
