package dev.feedkit.jdbc;

import dev.feedkit.spi.TimelineStore;

/**
 * Materialized home timelines of a {@link JdbcFeedStore}. Empty until the SPI defines them; their
 * tables will come as a later migration beside {@code V1__users_follows_posts.sql}.
 */
final class JdbcTimelineStore implements TimelineStore {}
