-- Whether any job with an id at or below :id is still queued.
SELECT EXISTS (SELECT 1 FROM feedkit_jobs WHERE id <= :id)
