package dev.feedkit.spi;

/**
 * Credentials, sessions and log-in throttling state for {@link dev.feedkit.Accounts}.
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface AccountStore {}
