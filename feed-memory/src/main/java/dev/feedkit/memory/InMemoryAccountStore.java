package dev.feedkit.memory;

import dev.feedkit.spi.AccountStore;

/** Credentials and sessions of an {@link InMemoryFeedStore}. */
final class InMemoryAccountStore implements AccountStore {}
