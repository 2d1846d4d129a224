-- Queues jobs, given as three arrays of the same length, in array order.
INSERT INTO feedkit_jobs (kind, subject, object)
SELECT j.kind, j.subject, j.object
FROM unnest(CAST(:kinds AS text[]), CAST(:subjects AS bigint[]), CAST(:objects AS bigint[]))
  WITH ORDINALITY AS j(kind, subject, object, n)
ORDER BY j.n
