package dev.feedkit.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.feedkit.StoreException;
import dev.feedkit.UserId;
import dev.feedkit.spi.AccountStore;
import dev.feedkit.spi.FeedStore;
import dev.feedkit.spi.FollowStore;
import dev.feedkit.spi.HomeSlice;
import dev.feedkit.spi.Invalidations;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.Order;
import dev.feedkit.spi.PostStore;
import dev.feedkit.spi.TimelineStore;
import dev.feedkit.spi.UserStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A feedkit store on PostgreSQL (13 or newer): durable, and shared by every application node
 * that opens it on the same database.
 *
 * <pre>{@code
 * // The store opens, and later closes, a connection pool of its own:
 * FeedStore store = JdbcFeedStore.create("jdbc:postgresql://localhost/app?user=app&password=secret");
 * // Or it runs on the host's pool, which it never closes:
 * FeedStore store = JdbcFeedStore.create(dataSource);
 * }</pre>
 *
 * <p>Both apply feedkit's migrations first (see {@link #MIGRATIONS}); a host that runs Flyway
 * itself turns that off with {@link JdbcFeedStoreBuilder#migrate(boolean)}. The tables are named
 * {@code feedkit_*} and live in the connections' current schema.
 *
 * <p>Every call is atomic: a write is one statement or one transaction, retried when PostgreSQL
 * reports a serialization failure or a deadlock. A failure of the database itself is thrown as
 * {@link StoreException} with the driver's {@link java.sql.SQLException} as its cause; after a
 * lost connection the pool opens a new one, so the store recovers without a restart.
 *
 * <p>Feeds on stores over the same database keep their caches in step through {@link
 * #invalidations()}: each write is followed by a {@code NOTIFY} on the channel {@code
 * feedkit_invalidations}, and each store that a feed uses holds one {@code LISTEN} connection,
 * reopened by itself when it is lost (the feeds then drop their caches, since notifications may
 * have been missed). A store with its own pool opens that connection beside the pool, named
 * {@code feedkit-listener} in {@code pg_stat_activity}; a store on the host's data source borrows
 * one of its connections for as long as the store is open. A store that is the only one over its
 * database ({@link JdbcFeedStoreBuilder#singleNode()}) does neither.
 *
 * <p>Instances are safe for use by many threads at once.
 */
public final class JdbcFeedStore implements FeedStore {

  /**
   * The Flyway location of feedkit's migrations ({@code V1__...sql} and later), shipped in this
   * jar.
   */
  public static final String MIGRATIONS = "classpath:dev/feedkit/jdbc/migration";

  /** The table in which feedkit's migrations are recorded, unless the builder names another. */
  public static final String HISTORY_TABLE = "feedkit_schema_history";

  private final JdbcUserStore users;
  private final FollowStore follows;
  private final JdbcPostStore posts;
  private final JdbcTimelineStore timelines;
  private final JobQueue jobs;
  private final AccountStore accounts;
  private final NotifyInvalidations invalidations;

  /** Whether {@link JdbcFeedStoreBuilder#singleNode()} said no other node writes here. */
  private final boolean singleNode;

  /** The pool this store opened, or null when it runs on the host's data source. */
  private final HikariDataSource ownPool;

  private final AtomicBoolean closed = new AtomicBoolean();

  JdbcFeedStore(DataSource dataSource, HikariDataSource ownPool, boolean singleNode) {
    this.ownPool = ownPool;
    Database db = new Database(Jdbi.create(dataSource));
    this.users = new JdbcUserStore(db);
    this.follows = new JdbcFollowStore(db);
    this.posts = new JdbcPostStore(db);
    this.timelines = new JdbcTimelineStore(db, posts);
    this.jobs = new JdbcJobQueue(db);
    this.accounts = new JdbcAccountStore(db, users);
    this.singleNode = singleNode;
    this.invalidations =
        new NotifyInvalidations(
            db, ownPool == null ? dataSource::getConnection : () -> listenerConnection(ownPool));
  }

  /** A connection beside the store's own pool, with the same URL and credentials. */
  private static Connection listenerConnection(HikariDataSource pool) throws SQLException {
    Properties properties = new Properties();
    if (pool.getUsername() != null) {
      properties.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      properties.setProperty("password", pool.getPassword());
    }
    properties.setProperty("ApplicationName", "feedkit-listener");
    properties.setProperty("logServerErrorDetail", "false");
    return DriverManager.getConnection(pool.getJdbcUrl(), properties);
  }

  /**
   * Returns a builder, for options beyond those of {@link #create(DataSource)} and {@link
   * #create(String)}.
   */
  public static JdbcFeedStoreBuilder builder() {
    return new JdbcFeedStoreBuilder();
  }

  /**
   * Opens a store on the host's data source, after applying feedkit's migrations. The store never
   * closes the data source.
   *
   * @param dataSource connections to a PostgreSQL database; a pooled one, since the store asks it
   *     for a connection per call
   * @throws StoreException if the database cannot be reached or the migrations fail
   */
  public static JdbcFeedStore create(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /**
   * Opens a store with a connection pool of its own, after applying feedkit's migrations. {@link
   * #close()} closes the pool.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL; it may carry {@code user} and {@code password}
   *     parameters
   * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
   * @throws StoreException if the database cannot be reached or the migrations fail
   */
  public static JdbcFeedStore create(String jdbcUrl) {
    return builder().jdbcUrl(jdbcUrl).build();
  }

  /**
   * Applies those of feedkit's migrations that the database lacks, recording them in {@link
   * #HISTORY_TABLE}. Applying them again does nothing; several processes may do it at once.
   *
   * @return how many migrations were applied
   * @throws StoreException if the database cannot be reached or a migration fails
   */
  public static int migrate(DataSource dataSource) {
    return Migrations.apply(requireNonNull(dataSource, "dataSource"), HISTORY_TABLE);
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public FollowStore follows() {
    return follows;
  }

  @Override
  public PostStore posts() {
    return posts;
  }

  @Override
  public TimelineStore timelines() {
    return timelines;
  }

  /** One statement: the entries, the posts of the followees merged on read, and the horizon. */
  @Override
  public HomeSlice readHome(UserId owner, long before, long after, int limit) {
    return timelines.readHome(owner, before, after, limit, Order.NEWEST_FIRST);
  }

  /** As {@link #readHome(UserId, long, long, int)}, from either end of the range. */
  @Override
  public HomeSlice readHome(UserId owner, long before, long after, int limit, Order order) {
    return timelines.readHome(owner, before, after, limit, order);
  }

  @Override
  public JobQueue jobs() {
    return jobs;
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  /**
   * Returns the channel, on PostgreSQL {@code LISTEN/NOTIFY}, by which feeds on this database tell
   * each other what their writes changed. Listening starts when the first feed subscribes.
   */
  @Override
  public Invalidations invalidations() {
    return singleNode ? Invalidations.none() : invalidations;
  }

  /** The server process that listens for invalidations, or 0 if none does; for tests. */
  int listenerPid() {
    return invalidations.listenerPid();
  }

  /**
   * Stops listening for invalidations and closes the connection pool if this store opened it; a
   * host's data source stays open (the connection borrowed for listening goes back to it).
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      invalidations.close();
      if (ownPool != null) {
        ownPool.close();
      }
    }
  }
}
