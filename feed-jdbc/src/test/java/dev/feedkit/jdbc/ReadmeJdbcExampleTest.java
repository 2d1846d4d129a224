package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.contract.ReadmeExample;
import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the PostgreSQL example of docs/POSTGRESQL.md and runs it twice on a real database. */
class ReadmeJdbcExampleTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  @Test
  void readmeExampleRunsAndItsPostsSurviveARestart(@TempDir Path dir) throws Exception {
    ReadmeExample example = ReadmeExample.compile("jdbc-host-example", dir);

    assertThat(example.run(database.jdbcUrl()).lines()).containsExactly("hello from PostgreSQL");
    assertThat(example.run(database.jdbcUrl()).lines())
        .containsExactly("hello from PostgreSQL", "hello from PostgreSQL");
  }
}
