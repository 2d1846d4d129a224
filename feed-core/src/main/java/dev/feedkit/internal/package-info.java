/**
 * The engine behind {@link dev.feedkit.Feed}: ids, rules, merging, timelines. Not an API: anything
 * here may change at any time without notice.
 */
package dev.feedkit.internal;
