/**
 * The reference web app: a small Twitter-like product on SparkJava over one feed, with HTML pages
 * ({@link dev.feedkit.example.pages}) and a Mastodon-compatible JSON API ({@link
 * dev.feedkit.example.mastodon}) served by {@link dev.feedkit.example.web}. This package reads the
 * options, opens the store and puts the parts together: run {@link dev.feedkit.example.ExampleApp}.
 * Not a library, never deployed.
 */
package dev.feedkit.example;
