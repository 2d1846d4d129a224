package dev.feedkit.memory;

import dev.feedkit.spi.TimelineStore;

/** Materialized home timelines of an {@link InMemoryFeedStore}. */
final class InMemoryTimelineStore implements TimelineStore {}
