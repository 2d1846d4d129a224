/**
 * Fault tests of durable fan-out on PostgreSQL: feeds in child JVMs killed or stopped under load,
 * several nodes over one database, and failing timeline writes.
 */
package dev.feedkit.jdbc.faults;
