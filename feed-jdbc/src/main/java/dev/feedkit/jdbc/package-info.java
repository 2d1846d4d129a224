/**
 * {@link dev.feedkit.jdbc.JdbcFeedStore}: feedkit on PostgreSQL through Jdbi and HikariCP, with
 * its schema as versioned Flyway migrations in this jar.
 */
package dev.feedkit.jdbc;
