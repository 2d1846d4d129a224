/**
 * The store contract suite, the {@code feed-testkit} artifact: extend {@link
 * dev.feedkit.contract.FeedStoreContract} to prove that a store keeps every rule of a feed.
 */
package dev.feedkit.contract;
