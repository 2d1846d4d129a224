/**
 * The Mastodon-compatible JSON API under {@code /api/v1} and {@code /oauth}: its routes, its
 * entities and how feedkit's values become them; {@link dev.feedkit.example.mastodon.MastodonApi}
 * is the one entry.
 */
package dev.feedkit.example.mastodon;
