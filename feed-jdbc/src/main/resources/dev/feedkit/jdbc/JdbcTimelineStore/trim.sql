-- Trims the timelines of :owners (distinct, in ascending order) to their newest :cap entries.
-- For each owner with more, the horizon is raised to the newest entry beyond the cap (the owner's
-- row is created or locked, in array order: unnest reads an array in storage order), and then
-- every entry at or below the horizon is deleted, older dead weight included. One statement, so
-- that no reader sees the entries gone and the horizon not yet raised.
WITH cut AS (
  SELECT o.owner_id, c.post_id
  FROM unnest(CAST(:owners AS bigint[])) AS o(owner_id)
  CROSS JOIN LATERAL (
    SELECT post_id
    FROM feedkit_home_timeline
    WHERE owner_id = o.owner_id
    ORDER BY post_id DESC
    OFFSET :cap
    LIMIT 1
  ) c
),
raised AS (
  INSERT INTO feedkit_timeline_owners AS t (owner_id, horizon)
  SELECT owner_id, post_id FROM cut
  ON CONFLICT (owner_id) DO UPDATE SET horizon = greatest(t.horizon, excluded.horizon)
  RETURNING t.owner_id, t.horizon
)
DELETE FROM feedkit_home_timeline h
USING raised r
WHERE h.owner_id = r.owner_id AND h.post_id <= r.horizon
