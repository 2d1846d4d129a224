package dev.feedkit.example;

import dev.feedkit.AccountsConfig;
import dev.feedkit.Feed;
import dev.feedkit.example.mastodon.MastodonApi;
import dev.feedkit.example.pages.Pages;
import dev.feedkit.example.pages.Pages.DemoLogin;
import dev.feedkit.example.web.RateLimits;
import dev.feedkit.example.web.ServerConfig;
import dev.feedkit.example.web.WebServer;
import dev.feedkit.jdbc.JdbcFeedStore;
import dev.feedkit.memory.InMemoryFeedStore;
import dev.feedkit.spi.FeedStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example app's entry point: reads the options, opens the store (in memory, or PostgreSQL
 * with {@code --jdbc-url}), builds the feed, seeds the demo data when asked, and serves the pages
 * and the Mastodon API until the process is stopped. On stop (Ctrl-C, SIGTERM) it
 * shuts down in order: the server stops accepting and finishes the requests in flight, then the
 * feed stops its background workers within a few seconds (what is left stays queued in the
 * store), then the store is closed.
 */
public final class ExampleApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExampleApp.class);

  private final FeedStore store;
  final Feed feed;
  private final WebServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ExampleApp(FeedStore store, Feed feed, WebServer server) {
    this.store = store;
    this.feed = feed;
    this.server = server;
  }

  /**
   * Runs the app until the process is stopped.
   *
   * @param args the options; {@code --help} lists them
   */
  public static void main(String[] args) {
    AppOptions options;
    try {
      options = AppOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(AppOptions.USAGE);
      return;
    }
    ExampleApp app;
    try {
      app = start(options);
    } catch (RuntimeException e) {
      System.err.println("could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "feedkit-shutdown"));
    System.out.println("feedkit example app on " + app.server.uri());
  }

  /**
   * Starts the app with the given options.
   *
   * @throws IllegalStateException if the server cannot listen
   */
  static ExampleApp start(AppOptions options) {
    FeedStore store =
        options
            .jdbcUrl()
            .<FeedStore>map(
                url ->
                    JdbcFeedStore.builder()
                        .jdbcUrl(url)
                        .connectionTimeout(options.dbConnectionTimeout())
                        .statementTimeout(options.dbStatementTimeout())
                        .build())
            .orElseGet(InMemoryFeedStore::new);
    DemoData.ShiftedClock clock = new DemoData.ShiftedClock(Clock.systemUTC());
    Feed feed;
    try {
      feed =
          Feed.builder()
              .store(store)
              .clock(clock)
              .fanout(options.fanout())
              .workerId(options.workerId())
              .accounts(
                  AccountsConfig.defaults()
                      .withPasswordHashIterations(options.passwordHashIterations()))
              .build();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      ServerConfig config =
          ServerConfig.defaults(options.bindAddress(), options.port())
              .withTrustedProxies(options.trustedProxies())
              .withRequestDeadline(options.requestDeadline())
              .withRateLimits(
                  options.rateLimits() ? RateLimits.Config.defaults() : RateLimits.Config.off());
      Optional<DemoLogin> demoLogin = Optional.empty();
      if (options.demo()) {
        demoLogin = DemoData.seed(feed, clock, 42);
        if (demoLogin.isPresent()) {
          log.info("demo data ready; log in as {}", demoLogin.get().handle());
        } else {
          log.warn("the database already has users, so no demo data was added");
        }
      }
      log.info(
          "store: {}; fan-out: {}",
          options.jdbcUrl().isPresent() ? "PostgreSQL" : "in memory",
          options.fanout());
      return new ExampleApp(store, feed, serve(feed, config, demoLogin));
    } catch (RuntimeException e) {
      feed.close();
      store.close();
      throw e;
    }
  }

  /**
   * Starts a server with the pages and the Mastodon API over {@code feed}, which must outlive it.
   *
   * @param demoLogin the account the pages offer visitors, if there is one
   * @throws IllegalStateException if the server cannot listen
   */
  static WebServer serve(Feed feed, ServerConfig config, Optional<DemoLogin> demoLogin) {
    return WebServer.start(
        config, new MastodonApi(feed, config.clock()), new Pages(feed, config.clock(), demoLogin));
  }

  /** The running server. */
  WebServer server() {
    return server;
  }

  /** Stops the server, stops the feed's background work (bounded) and closes the store; once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("shutting down");
    try {
      server.close();
    } finally {
      try {
        feed.close();
      } finally {
        store.close();
      }
    }
    log.info("stopped");
  }
}
