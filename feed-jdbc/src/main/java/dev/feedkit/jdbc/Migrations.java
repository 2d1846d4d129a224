package dev.feedkit.jdbc;

import dev.feedkit.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies feedkit's migrations with Flyway.
 *
 * <p>Design: feedkit's scripts live under their own classpath location and are recorded in their
 * own history table, so they never mix with a host's migrations, and a host's V1 never collides
 * with feedkit's. Flyway holds a PostgreSQL advisory lock while it migrates, so concurrent
 * migrators run one after the other, and a migration already recorded is not applied again. The
 * baseline is version 0: a schema that already holds a host's tables gets feedkit's history table
 * and every feedkit script, instead of Flyway refusing a non-empty schema or skipping V1.
 */
final class Migrations {

  private Migrations() {}

  static int apply(DataSource dataSource, String historyTable) {
    try {
      MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(dataSource)
          .locations(JdbcFeedStore.MIGRATIONS)
          .table(historyTable)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .placeholderReplacement(false)
          .failOnMissingLocations(true)
          .load()
          .migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new StoreException("could not apply the feedkit migrations: " + e.getMessage(), e);
    }
  }
}
