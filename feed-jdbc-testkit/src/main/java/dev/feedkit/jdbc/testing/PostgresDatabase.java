package dev.feedkit.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * A fresh PostgreSQL database for one test class, created before its first test and dropped after
 * its last (nested classes share their enclosing class's database). Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();
 * }</pre>
 *
 * <p>The server is found once per JVM, trying in order:
 *
 * <ol>
 *   <li>the JDBC URL in the environment variable {@value #URL_VARIABLE} (or the system property
 *       {@value #URL_PROPERTY}), whose user may create databases; if it is set but unusable, the
 *       tests fail;
 *   <li>a PostgreSQL container from Testcontainers, when a Docker engine answers;
 *   <li>a server on 127.0.0.1:5432 with user {@code postgres} (password from {@code PGPASSWORD},
 *       if any).
 * </ol>
 *
 * <p>With none of them the class is skipped with a message that says what was tried, unless the
 * environment has {@code CI=true}: then it fails, since CI must test the real database.
 *
 * <p>Design: the Docker probe first looks for a Docker endpoint (a {@code DOCKER_HOST}, a socket
 * file, a Testcontainers configuration) and loads Testcontainers only if it finds one, so that on
 * a machine without Docker the probe takes no time and logs nothing. Databases are named {@code
 * feedkit_test_<epoch seconds>_<random>}; ones left over by a killed run for more than a day are
 * dropped when the next run starts.
 */
public final class PostgresDatabase
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

  /** The environment variable that names the test server. */
  public static final String URL_VARIABLE = "FEEDKIT_TEST_JDBC_URL";

  /** The system property that names the test server, if the environment variable does not. */
  public static final String URL_PROPERTY = "feedkit.test.jdbcUrl";

  private static final String PREFIX = "feedkit_test_";
  private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final long STALE_SECONDS = 24 * 60 * 60;

  /** The size of the tables past which {@link #truncateAll()} truncates rather than deletes. */
  private static final long TRUNCATE_BYTES = 1 << 20;

  /** The server found for this JVM, or why none was. */
  private static Server server;

  private static String unavailable;

  private String owner;
  private String name;
  private String url;
  private HikariDataSource pool;

  /** Creates the extension; the database is made when the test class starts. */
  public PostgresDatabase() {}

  /** Disables the test class, with the reason, when there is no server and CI is not set. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (server() != null || isCi()) {
      return ConditionEvaluationResult.enabled("PostgreSQL for the tests: " + server);
    }
    return ConditionEvaluationResult.disabled(skipMessage());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    if (owner != null) {
      return;
    }
    Server found = server();
    if (found == null) {
      if (isCi()) {
        throw new ExtensionConfigurationException(
            "CI=true but no PostgreSQL for the tests: " + unavailable);
      }
      Assumptions.abort(skipMessage());
    }
    name =
        PREFIX
            + Instant.now().getEpochSecond()
            + "_"
            + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    try (Connection c = found.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
      // A test database is thrown away, so its commits need not wait for the disk: a crash
      // could lose the last few, but never leaves a transaction half applied.
      s.execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
    }
    url = found.urlOf(name);
    owner = context.getUniqueId();
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (owner == null || !owner.equals(context.getUniqueId())) {
      return;
    }
    if (pool != null) {
      pool.close();
      pool = null;
    }
    try (Connection c = server.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } finally {
      owner = null;
    }
  }

  /**
   * The JDBC URL of this class's database, with the user and password as URL parameters, so that
   * it works on its own (for {@code --jdbc-url}, say).
   */
  public String jdbcUrl() {
    requireStarted();
    return url;
  }

  /** The name of this class's database. */
  public String databaseName() {
    requireStarted();
    return name;
  }

  /** Where the server came from: the environment, Testcontainers or the local server. */
  public String source() {
    requireStarted();
    return server.source;
  }

  /**
   * A pool of up to 10 connections to this class's database, opened on first use and closed
   * before the database is dropped.
   */
  public synchronized DataSource dataSource() {
    requireStarted();
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(10);
      config.setPoolName("feedkit-test");
      pool = new HikariDataSource(config);
    }
    return pool;
  }

  /** Opens a connection to this class's database, outside the pool. */
  public Connection connect() throws SQLException {
    requireStarted();
    return DriverManager.getConnection(url);
  }

  /** Runs one statement on a connection of its own, outside the pool. */
  public void execute(String sql) throws SQLException {
    try (Connection c = connect();
        java.sql.Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The one number a query such as {@code SELECT count(*) ...} answers. */
  public long queryLong(String sql) throws SQLException {
    try (Connection c = connect();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new AssertionError("no row from " + sql);
      }
      return rs.getLong(1);
    }
  }

  /**
   * Polls the server until a connection of this class's database whose {@code application_name}
   * is {@code application} waits for a lock, so that a test can stage a race on real locks without
   * sleeping.
   *
   * @return the process id of the waiting connection
   * @throws AssertionError if none waits within 30 seconds
   */
  public int awaitBackendWaitingForALock(String application) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection c = dataSource().getConnection();
        PreparedStatement query =
            c.prepareStatement(
                """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = ?
              AND wait_event_type = 'Lock'""")) {
      query.setString(1, application);
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = query.executeQuery()) {
          if (rows.next()) {
            return rows.getInt(1);
          }
        }
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("no connection of " + application + " waited for a lock in 30 s");
  }

  /**
   * Empties every table of the current schema but migration history tables (named {@code
   * *schema_history}), so that each test starts from an empty, migrated database.
   *
   * <p>While the tables are small, their rows are deleted, tables that hold foreign keys before
   * the tables they reference: on the few rows a test writes that takes a millisecond or two,
   * where {@code TRUNCATE}, which gives every table and index a new file, takes ten times as
   * long, and a contract run empties the database before each of its thousand tests. Deleted
   * rows stay in the files until a vacuum, though, and slow the statements that follow; so once
   * the tables have grown past {@value #TRUNCATE_BYTES} bytes, they are truncated instead.
   */
  public void truncateAll() throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          """
          DO $$
          DECLARE
            tables regclass[];
            t regclass;
          BEGIN
            WITH RECURSIVE candidates AS (
              SELECT c.oid
              FROM pg_class c
              WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                AND c.relname NOT LIKE '%%schema\\_history'
            ),
            refs AS (
              SELECT conrelid AS child, confrelid AS parent
              FROM pg_constraint
              WHERE contype = 'f' AND conrelid <> confrelid
                AND conrelid IN (SELECT oid FROM candidates)
                AND confrelid IN (SELECT oid FROM candidates)
            ),
            depth (oid, level) AS (
              SELECT oid, 0 FROM candidates
              UNION ALL
              SELECT r.child, d.level + 1 FROM depth d JOIN refs r ON r.parent = d.oid
              WHERE d.level < 100
            ),
            ordered AS (
              SELECT oid, max(level) AS level FROM depth GROUP BY oid
            )
            SELECT array_agg(oid::regclass ORDER BY level DESC) INTO tables FROM ordered;
            IF tables IS NULL THEN
              RETURN;
            END IF;
            IF (SELECT sum(pg_total_relation_size(x)) FROM unnest(tables) x) > %d THEN
              EXECUTE 'TRUNCATE ' || array_to_string(tables, ', ');
            ELSE
              FOREACH t IN ARRAY tables LOOP
                EXECUTE format('DELETE FROM %%s', t);
              END LOOP;
            END IF;
          END $$"""
              .formatted(TRUNCATE_BYTES));
    }
  }

  private static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static String skipMessage() {
    return "PostgreSQL tests skipped: " + unavailable;
  }

  private void requireStarted() {
    if (owner == null) {
      throw new IllegalStateException(
          "no test database: register PostgresDatabase with @RegisterExtension on a static field");
    }
  }

  private static synchronized Server server() {
    if (server == null && unavailable == null) {
      find();
      if (server != null) {
        dropStaleDatabases(server);
      }
    }
    return server;
  }

  private static void find() {
    List<String> tried = new ArrayList<>();
    String explicit = System.getenv(URL_VARIABLE);
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getProperty(URL_PROPERTY);
    }
    if (explicit != null && !explicit.isBlank()) {
      Server candidate = Server.of(explicit, URL_VARIABLE);
      String problem = candidate.check();
      if (problem != null) {
        throw new ExtensionConfigurationException(
            URL_VARIABLE + " is set, but its server cannot be used: " + problem);
      }
      server = candidate;
      return;
    }
    tried.add(URL_VARIABLE + " is not set");

    String docker = dockerEndpoint();
    if (docker == null) {
      tried.add("no Docker engine (no DOCKER_HOST, no Docker socket)");
    } else {
      try {
        server = Containers.start();
        return;
      } catch (RuntimeException | LinkageError e) {
        tried.add("Docker at " + docker + " did not start PostgreSQL (" + e + ")");
      }
    }

    String password = System.getenv("PGPASSWORD");
    Server local =
        new Server(LOCAL_URL, "postgres", password, "the local server on 127.0.0.1:5432");
    String problem = local.check();
    if (problem == null) {
      server = local;
      return;
    }
    tried.add("127.0.0.1:5432: " + problem.replaceAll("\\.+$", ""));
    unavailable =
        String.join("; ", tried)
            + ". Set "
            + URL_VARIABLE
            + ", start Docker, or run PostgreSQL on 127.0.0.1:5432.";
    if (!isCi()) {
      System.err.println(skipMessage());
    }
  }

  /** Where a Docker engine may answer, or null if there is no sign of one. */
  private static String dockerEndpoint() {
    String host = System.getenv("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return host;
    }
    String home = System.getProperty("user.home", "");
    List<Path> candidates =
        new ArrayList<>(
            List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".testcontainers.properties")));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) {
      candidates.add(Path.of(runtime, "docker.sock"));
    }
    for (Path candidate : candidates) {
      if (Files.exists(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static void dropStaleDatabases(Server found) {
    long now = Instant.now().getEpochSecond();
    try (Connection c = found.connect();
        Statement s = c.createStatement()) {
      List<String> stale = new ArrayList<>();
      try (var rs =
          s.executeQuery(
              "SELECT datname FROM pg_database WHERE datname LIKE 'feedkit\\_test\\_%'")) {
        while (rs.next()) {
          String db = rs.getString(1);
          String[] parts = db.substring(PREFIX.length()).split("_");
          if (parts.length == 2
              && parts[0].matches("\\d{1,12}")
              && parts[1].matches("[a-z0-9]+")
              && now - Long.parseLong(parts[0]) > STALE_SECONDS) {
            stale.add(db);
          }
        }
      }
      for (String db : stale) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      // Leftovers are harmless; the run goes on.
    }
  }

  /** A server on which databases can be created: its maintenance database URL and credentials. */
  private static final class Server {
    final String adminUrl;
    final String user;
    final String password;
    final String source;

    @Override
    public String toString() {
      return source;
    }

    Server(String adminUrl, String user, String password, String source) {
      this.adminUrl = adminUrl;
      this.user = user;
      this.password = password;
      this.source = source;
    }

    static Server of(String url, String source) {
      Properties props = Driver.parseURL(url, null);
      if (props == null) {
        throw new ExtensionConfigurationException(URL_VARIABLE + " must be a jdbc:postgresql: URL");
      }
      return new Server(url, null, null, source);
    }

    Connection connect() throws SQLException {
      Properties props = new Properties();
      if (user != null) {
        PGProperty.USER.set(props, user);
      }
      if (password != null) {
        PGProperty.PASSWORD.set(props, password);
      }
      PGProperty.CONNECT_TIMEOUT.set(props, 3);
      PGProperty.LOGIN_TIMEOUT.set(props, 3);
      return DriverManager.getConnection(adminUrl, props);
    }

    /** Null if a database can be created here, else what is wrong. */
    String check() {
      try (Connection c = connect();
          Statement s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT rolcreatedb OR rolsuper FROM pg_roles"
                      + " WHERE rolname = current_user")) {
        if (!rs.next() || !rs.getBoolean(1)) {
          return "its user may not create databases";
        }
        return null;
      } catch (SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("no connection");
      }
    }

    /** The URL of another database on this server, with the credentials as parameters. */
    String urlOf(String database) {
      Properties props = Driver.parseURL(adminUrl, null);
      if (user != null) {
        PGProperty.USER.set(props, user);
      }
      if (password != null) {
        PGProperty.PASSWORD.set(props, password);
      }
      StringBuilder out = new StringBuilder("jdbc:postgresql://");
      String[] hosts = props.getProperty("PGHOST").split(",");
      String[] ports = props.getProperty("PGPORT").split(",");
      for (int i = 0; i < hosts.length; i++) {
        out.append(i == 0 ? "" : ",").append(hosts[i]).append(':').append(ports[i]);
      }
      out.append('/').append(database);
      char separator = '?';
      for (String key : props.stringPropertyNames()) {
        if (!key.equals("PGHOST") && !key.equals("PGPORT") && !key.equals("PGDBNAME")) {
          out.append(separator)
              .append(key)
              .append('=')
              .append(
                  java.net.URLEncoder.encode(
                      props.getProperty(key), java.nio.charset.StandardCharsets.UTF_8));
          separator = '&';
        }
      }
      return out.toString();
    }
  }

  /** Testcontainers, loaded only when a Docker endpoint exists. */
  private static final class Containers {
    static Server start() {
      if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
        throw new IllegalStateException("no Docker engine answered");
      }
      var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
      container.start();
      return new Server(
          container.getJdbcUrl(),
          container.getUsername(),
          container.getPassword(),
          "a Testcontainers PostgreSQL (" + container.getDockerImageName() + ")");
    }
  }
}
