package dev.feedkit.spi;

/**
 * Materialized home timelines: per-user lists of post ids kept by push and hybrid fan-out.
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface TimelineStore {}
