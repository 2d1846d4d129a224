/**
 * The reference web app: a small Twitter-like product on SparkJava over one feed, with HTML pages
 * and a Mastodon-compatible JSON API. Run {@link dev.feedkit.example.ExampleApp}; not a library,
 * never deployed.
 */
package dev.feedkit.example;
