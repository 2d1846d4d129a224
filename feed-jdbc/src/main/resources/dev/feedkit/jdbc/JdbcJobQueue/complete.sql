-- A job that has run.
DELETE FROM feedkit_jobs WHERE id = :id
