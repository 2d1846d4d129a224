package dev.feedkit.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.feedkit.StoreException;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Builds a {@link JdbcFeedStore} on either a JDBC URL, for which the store opens and owns a
 * HikariCP pool, or a host's {@link DataSource}, which the store never closes. Every setter checks
 * its argument at once; {@link #build()} leaves the builder as it was.
 *
 * <p>Defaults: migrations applied on build, recorded in {@link JdbcFeedStore#HISTORY_TABLE}; a
 * pool of 10 connections.
 *
 * <p>Builders are not safe for use by several threads at once.
 */
public final class JdbcFeedStoreBuilder {

  private static final int DEFAULT_POOL_SIZE = 10;
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private String jdbcUrl;
  private String user;
  private String password;
  private DataSource dataSource;
  private Integer poolSize;
  private Duration connectionTimeout;
  private Duration statementTimeout;
  private boolean migrate = true;
  private boolean singleNode;
  private String historyTable = JdbcFeedStore.HISTORY_TABLE;

  JdbcFeedStoreBuilder() {}

  /**
   * Connects through a pool that the store opens on this URL and closes on {@link
   * JdbcFeedStore#close()}.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL
   * @return this builder
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
   */
  public JdbcFeedStoreBuilder jdbcUrl(String jdbcUrl) {
    requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl must start with \"jdbc:postgresql:\"");
    }
    this.jdbcUrl = jdbcUrl;
    return this;
  }

  /**
   * Sets the database user for the URL's pool, unless the URL names one.
   *
   * @return this builder
   */
  public JdbcFeedStoreBuilder user(String user) {
    this.user = requireNonNull(user, "user");
    return this;
  }

  /**
   * Sets the password for the URL's pool, unless the URL holds one. It is handed to the driver
   * and kept nowhere else.
   *
   * @return this builder
   */
  public JdbcFeedStoreBuilder password(String password) {
    this.password = requireNonNull(password, "password");
    return this;
  }

  /**
   * Sets the most connections the URL's pool opens.
   *
   * @param poolSize 1 to 1000
   * @return this builder
   * @throws IllegalArgumentException if the size is out of range
   */
  public JdbcFeedStoreBuilder poolSize(int poolSize) {
    if (poolSize < 1 || poolSize > 1000) {
      throw new IllegalArgumentException("poolSize must be between 1 and 1000, was " + poolSize);
    }
    this.poolSize = poolSize;
    return this;
  }

  /**
   * Sets how long a caller waits for a connection of the URL's pool before the call fails with
   * {@code StoreException}: during a database outage this is how long each call hangs. Default
   * 30 s (HikariCP's); a web app wants about a second.
   *
   * @param timeout at least 250 ms (HikariCP's least)
   * @return this builder
   * @throws IllegalArgumentException if the timeout is shorter
   */
  public JdbcFeedStoreBuilder connectionTimeout(Duration timeout) {
    requireNonNull(timeout, "connectionTimeout");
    if (timeout.toMillis() < 250) {
      throw new IllegalArgumentException("connectionTimeout must be >= 250 ms, was " + timeout);
    }
    this.connectionTimeout = timeout;
    return this;
  }

  /**
   * Sets how long one SQL statement of the URL's pool may run before PostgreSQL cancels it (its
   * {@code statement_timeout}), and the call fails with {@code StoreException}. Default: no
   * limit.
   *
   * @param timeout at least 1 ms
   * @return this builder
   * @throws IllegalArgumentException if the timeout is shorter
   */
  public JdbcFeedStoreBuilder statementTimeout(Duration timeout) {
    requireNonNull(timeout, "statementTimeout");
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("statementTimeout must be >= 1 ms, was " + timeout);
    }
    this.statementTimeout = timeout;
    return this;
  }

  /**
   * Runs on the host's data source instead of a pool of the store's own; the store never closes
   * it.
   *
   * @return this builder
   */
  public JdbcFeedStoreBuilder dataSource(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    return this;
  }

  /**
   * Sets whether {@link #build()} applies feedkit's migrations first (the default), or leaves the
   * schema to the host's own migration run.
   *
   * @return this builder
   */
  public JdbcFeedStoreBuilder migrate(boolean migrate) {
    this.migrate = migrate;
    return this;
  }

  /**
   * Declares that this store is the only one over its database: no other node writes to it, so
   * there is nobody to tell of a change. The store then neither sends a {@code NOTIFY} after each
   * write nor holds a {@code LISTEN} connection ({@link JdbcFeedStore#invalidations()} is {@link
   * dev.feedkit.spi.Invalidations#none()}). Off by default; with a second node writing to the
   * database, that node's writes reach this store's caches only when their entries expire.
   *
   * @return this builder
   */
  public JdbcFeedStoreBuilder singleNode() {
    this.singleNode = true;
    return this;
  }

  /**
   * Sets the table that records feedkit's migrations.
   *
   * @param historyTable a lower-case SQL name: letters, digits and underscores, at most 63
   * @return this builder
   * @throws IllegalArgumentException if the name is not such a name
   */
  public JdbcFeedStoreBuilder historyTable(String historyTable) {
    requireNonNull(historyTable, "historyTable");
    if (!TABLE_NAME.matcher(historyTable).matches()) {
      throw new IllegalArgumentException(
          "historyTable must be a lower-case SQL name of letters,"
              + " digits and underscores, at most 63 characters, was \""
              + historyTable
              + "\"");
    }
    this.historyTable = historyTable;
    return this;
  }

  /**
   * Opens the store, applying the migrations first unless turned off.
   *
   * @throws IllegalStateException if neither or both of a JDBC URL and a data source were set,
   *     or a user, password or pool size was set without a JDBC URL
   * @throws StoreException if the database cannot be reached or the migrations fail
   */
  public JdbcFeedStore build() {
    if ((jdbcUrl == null) == (dataSource == null)) {
      throw new IllegalStateException("set exactly one of jdbcUrl and dataSource before build()");
    }
    if (dataSource != null) {
      if (user != null
          || password != null
          || poolSize != null
          || connectionTimeout != null
          || statementTimeout != null) {
        throw new IllegalStateException(
            "user, password, poolSize and the timeouts apply to a"
                + " jdbcUrl;"
                + " a data source brings its own credentials and pool");
      }
      return open(dataSource, null);
    }
    HikariDataSource pool = pool();
    try {
      return open(pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private JdbcFeedStore open(DataSource source, HikariDataSource ownPool) {
    if (migrate) {
      Migrations.apply(source, historyTable);
    }
    return new JdbcFeedStore(source, ownPool, singleNode);
  }

  private HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize == null ? DEFAULT_POOL_SIZE : poolSize);
    config.setPoolName("feedkit");
    if (connectionTimeout != null) {
      config.setConnectionTimeout(connectionTimeout.toMillis());
      // A connection the pool checks must answer within the same bound.
      config.setValidationTimeout(Math.max(250, connectionTimeout.toMillis() / 2));
    }
    if (statementTimeout != null) {
      config.addDataSourceProperty(
          "options", "-c statement_timeout=" + statementTimeout.toMillis());
    }
    // Names the connections in pg_stat_activity, and keeps bound values (post texts, handles)
    // out of the driver's exception messages, and so out of logs.
    config.addDataSourceProperty("ApplicationName", "feedkit");
    config.addDataSourceProperty("logServerErrorDetail", "false");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("could not connect to PostgreSQL: " + e.getMessage(), e);
    }
  }
}
