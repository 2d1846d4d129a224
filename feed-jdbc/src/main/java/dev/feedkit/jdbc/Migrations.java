package dev.feedkit.jdbc;

import dev.feedkit.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies feedkit's migrations with Flyway.
 *
 * <p>Design: feedkit's scripts live under their own classpath location and are recorded in their
 * own history table, so they never mix with a host's migrations, and a host's V1 never collides
 * with feedkit's. Flyway holds a PostgreSQL advisory lock while it migrates, so concurrent
 * migrators run one after the other, and a migration already recorded is not applied again. The
 * baseline is version 0: a schema that already holds a host's tables gets feedkit's history table
 * and every feedkit script, instead of Flyway refusing a non-empty schema or skipping V1.
 *
 * <p>Flyway creates the history table before it takes its lock, so a migrator that starts while
 * another has just created the (still empty) table sees a non-empty schema, decides to baseline,
 * and refuses, having changed nothing. Running it again is safe and then finds the table; so a
 * failed run is repeated, up to {@link #ATTEMPTS} runs in all.
 */
final class Migrations {

  static final int ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  static int apply(DataSource dataSource, String historyTable) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations(JdbcFeedStore.MIGRATIONS)
            .table(historyTable)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .placeholderReplacement(false)
            .failOnMissingLocations(true)
            .load();
    for (int attempt = 1; ; attempt++) {
      try {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
      } catch (FlywayException e) {
        if (attempt == ATTEMPTS) {
          throw new StoreException("could not apply the feedkit migrations: " + e.getMessage(), e);
        }
        log.debug("migration run {} failed, running again: {}", attempt, e.getMessage());
      }
    }
  }
}
