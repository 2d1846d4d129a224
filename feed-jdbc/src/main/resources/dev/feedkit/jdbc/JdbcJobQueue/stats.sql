-- What the queue holds: all jobs, those under a live lease, and when the oldest was queued.
SELECT count(*) AS pending,
       count(*) FILTER (WHERE leased_until >= now()) AS leased,
       min(created_at) AS oldest
FROM feedkit_jobs
