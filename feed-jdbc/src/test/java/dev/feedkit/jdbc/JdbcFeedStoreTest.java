package dev.feedkit.jdbc;

import dev.feedkit.contract.FeedStoreContract;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import dev.feedkit.spi.FeedStore;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("JdbcFeedStore")
class JdbcFeedStoreTest extends FeedStoreContract {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  @BeforeAll
  static void migrate() {
    JdbcFeedStore.migrate(database.dataSource());
  }

  @Override
  protected FeedStore createStore() {
    try {
      database.truncateAll();
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the test database", e);
    }
    return JdbcFeedStore.builder().dataSource(database.dataSource()).migrate(false).build();
  }

  /** Another node's store over the same database, with its own pool and listener. */
  @Override
  protected FeedStore createNodeStore(FeedStore shared) {
    return JdbcFeedStore.builder().jdbcUrl(database.jdbcUrl()).poolSize(3).migrate(false).build();
  }
}
