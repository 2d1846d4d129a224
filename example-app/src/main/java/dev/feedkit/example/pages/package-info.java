/**
 * The HTML pages, rendered on the server from Pebble templates, with their session cookie and
 * CSRF tokens; {@link dev.feedkit.example.pages.Pages} is the one entry.
 */
package dev.feedkit.example.pages;
