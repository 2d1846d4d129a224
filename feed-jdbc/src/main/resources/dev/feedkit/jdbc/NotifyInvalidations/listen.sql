-- The channel name is an identifier, so it cannot be bound; it is the constant CHANNEL.
LISTEN feedkit_invalidations
