package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.StoreException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The builder's checks, and a database that cannot be reached; none needs a server. */
class JdbcFeedStoreBuilderTest {

  @Test
  void onlyPostgresUrlsAreAccepted() {
    assertThatThrownBy(() -> JdbcFeedStore.builder().jdbcUrl("jdbc:mysql://localhost/app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void exactlyOneOfUrlAndDataSourceIsNeeded() {
    assertThatThrownBy(() -> JdbcFeedStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one of jdbcUrl and dataSource");
    assertThatThrownBy(
            () ->
                JdbcFeedStore.builder()
                    .jdbcUrl("jdbc:postgresql://localhost/app")
                    .dataSource(new PGSimpleDataSource())
                    .build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void poolOptionsDoNotApplyToAHostsDataSource() {
    assertThatThrownBy(
            () -> JdbcFeedStore.builder().dataSource(new PGSimpleDataSource()).user("app").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apply to a jdbcUrl");
    assertThatThrownBy(
            () -> JdbcFeedStore.builder().dataSource(new PGSimpleDataSource()).poolSize(4).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settersCheckTheirArguments() {
    assertThatThrownBy(() -> JdbcFeedStore.builder().poolSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poolSize must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> JdbcFeedStore.builder().historyTable("history; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("historyTable");
    assertThatThrownBy(() -> JdbcFeedStore.builder().dataSource(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataSource");
  }

  @Test
  void anUnreachableDatabaseFailsWithStoreExceptionAndItsCause() {
    // Port 1 on the loopback interface: nothing listens, so the connection is refused at once.
    assertThatThrownBy(() -> JdbcFeedStore.create("jdbc:postgresql://127.0.0.1:1/feedkit"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("could not connect to PostgreSQL")
        .hasRootCauseInstanceOf(java.net.ConnectException.class);

    PGSimpleDataSource unreachable = new PGSimpleDataSource();
    unreachable.setURL("jdbc:postgresql://127.0.0.1:1/feedkit");
    assertThatThrownBy(() -> JdbcFeedStore.create(unreachable))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("could not apply the feedkit migrations");
    try (JdbcFeedStore store =
        JdbcFeedStore.builder().dataSource(unreachable).migrate(false).build()) {
      assertThatThrownBy(() -> store.users().findByHandle("alice"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("no connection to PostgreSQL")
          .cause()
          .isInstanceOf(SQLException.class);
    }
  }
}
