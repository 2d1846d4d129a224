/**
 * Test support for code that runs on PostgreSQL: {@link dev.feedkit.jdbc.testing.PostgresDatabase}
 * gives each test class a fresh database. Shipped in feed-jdbc's test-jar.
 */
package dev.feedkit.jdbc.testing;
