/**
 * The storage SPI: what a store implements so that a {@link dev.feedkit.Feed} can run on it. A
 * store keeps rows and answers range reads; it validates nothing but existence and uniqueness. The
 * engine in core does everything else (ids, rules, merging, fan-out, caching), so a new store is
 * a few hundred lines, and proves itself by passing the contract suite of {@code feed-testkit}.
 */
package dev.feedkit.spi;
