-- Sends each payload on the channel; the notifications reach listeners once this commits.
SELECT count(pg_notify(:channel, payload)) FROM unnest(:payloads) AS payload
