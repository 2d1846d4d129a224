/** {@code JdbcFeedStore}: feedkit on PostgreSQL. */
package dev.feedkit.jdbc;
