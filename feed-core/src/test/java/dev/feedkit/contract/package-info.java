/**
 * The store contract suite, shipped in feed-core's test-jar: extend {@link
 * dev.feedkit.contract.FeedStoreContract} to prove that a store keeps every rule of a feed.
 */
package dev.feedkit.contract;
