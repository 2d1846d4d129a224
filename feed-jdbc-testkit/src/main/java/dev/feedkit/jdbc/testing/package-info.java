/**
 * Test support for code that runs on PostgreSQL: {@link dev.feedkit.jdbc.testing.PostgresDatabase}
 * gives each test class a fresh database, {@link dev.feedkit.jdbc.testing.ThrowawayPostgres} a
 * server of its own for tests that make it fail. The {@code feed-jdbc-testkit} artifact, a test
 * dependency.
 */
package dev.feedkit.jdbc.testing;
