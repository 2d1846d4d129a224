/**
 * The feedkit API: a {@link dev.feedkit.Feed} made by {@link dev.feedkit.Feed#builder()}, its
 * immutable values ({@link dev.feedkit.User}, {@link dev.feedkit.Post}, {@link dev.feedkit.Page})
 * and the one exception hierarchy rooted at {@link dev.feedkit.FeedException}.
 */
package dev.feedkit;
