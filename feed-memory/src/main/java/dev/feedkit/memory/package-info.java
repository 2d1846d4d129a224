/** {@link dev.feedkit.memory.InMemoryFeedStore}: a thread-safe store kept in memory. */
package dev.feedkit.memory;
