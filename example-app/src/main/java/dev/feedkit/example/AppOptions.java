package dev.feedkit.example;

import dev.feedkit.AccountsConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.example.web.ServerConfig;
import dev.feedkit.example.web.TrustedProxies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command line and environment of the app. Every option can be given as a flag or as an
 * environment variable; a flag wins.
 *
 * @param port the TCP port ({@code --port}, {@code FEEDKIT_PORT}), default 4567
 * @param bindAddress the address to listen on ({@code --bind}, {@code FEEDKIT_BIND}), default
 *     127.0.0.1
 * @param jdbcUrl the PostgreSQL database ({@code --jdbc-url}, {@code FEEDKIT_JDBC_URL}); empty
 *     for the in-memory store
 * @param fanout how posts reach home timelines ({@code --fanout}, {@code FEEDKIT_FANOUT}):
 *     {@code pull}, {@code push}, {@code hybrid} or {@code hybrid:N}; default feedkit's, hybrid
 * @param workerId the id stamped into every id this node makes ({@code --worker-id},
 *     {@code FEEDKIT_WORKER_ID}), default 0; every node writing to one database needs its own
 * @param demo whether to seed demo users and posts ({@code --demo}, {@code FEEDKIT_DEMO=true})
 * @param trustedProxies the reverse proxies whose forwarded headers are believed
 *     ({@code --trusted-proxies}, {@code FEEDKIT_TRUSTED_PROXIES}): numeric addresses and CIDR
 *     ranges, comma-separated, or {@code none}; default loopback (a proxy on the same host)
 * @param dbConnectionTimeout how long a request waits for a database connection before 503
 *     ({@code --db-connection-timeout MS}, {@code FEEDKIT_DB_CONNECTION_TIMEOUT}), default 1000 ms
 * @param dbStatementTimeout how long one SQL statement may run ({@code --db-statement-timeout
 *     MS}, {@code FEEDKIT_DB_STATEMENT_TIMEOUT}), default 5000 ms
 * @param requestDeadline how long the feed calls of one request may wait on the store before it
 *     is answered 503 ({@code --request-deadline MS}, {@code FEEDKIT_REQUEST_DEADLINE}), default
 *     10000 ms
 * @param rateLimits whether the API's rate limits apply (default on; {@code --no-rate-limits},
 *     {@code FEEDKIT_RATE_LIMITS=off}, turns them off, for load tests)
 * @param passwordHashIterations the PBKDF2 iterations of new password hashes ({@code
 *     --password-hash-iterations N}, {@code FEEDKIT_PASSWORD_HASH_ITERATIONS}), default feedkit's;
 *     fewer make every stored password cheaper to crack, so only for seeding a load test's accounts
 * @param help whether to print the usage and exit
 */
record AppOptions(int port, String bindAddress, Optional<String> jdbcUrl, FanoutPolicy fanout,
    int workerId, boolean demo, TrustedProxies trustedProxies, Duration dbConnectionTimeout,
    Duration dbStatementTimeout, Duration requestDeadline, boolean rateLimits,
    int passwordHashIterations, boolean help) {

  /** The default wait for a database connection: fail fast during an outage. */
  static final Duration DEFAULT_DB_CONNECTION_TIMEOUT = Duration.ofSeconds(1);
  /** The default limit of one SQL statement. */
  static final Duration DEFAULT_DB_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

  /** The options for a memory store: tests and the default. */
  static AppOptions memory(int port, boolean demo) {
    return new AppOptions(port, ServerConfig.DEFAULT_BIND, Optional.empty(), FanoutPolicy.hybrid(),
        0, demo, TrustedProxies.loopback(), DEFAULT_DB_CONNECTION_TIMEOUT,
        DEFAULT_DB_STATEMENT_TIMEOUT, ServerConfig.DEFAULT_REQUEST_DEADLINE, true,
        AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS, false);
  }

  /** The options for a PostgreSQL database. */
  static AppOptions postgres(String jdbcUrl, FanoutPolicy fanout, boolean demo) {
    return new AppOptions(0, ServerConfig.DEFAULT_BIND, Optional.of(jdbcUrl), fanout, 0, demo,
        TrustedProxies.loopback(), DEFAULT_DB_CONNECTION_TIMEOUT, DEFAULT_DB_STATEMENT_TIMEOUT,
        ServerConfig.DEFAULT_REQUEST_DEADLINE, true, AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS,
        false);
  }

  static final String USAGE = String.join("\n",
      "Usage: java -jar feedkit-example.jar [options]",
      "",
      "  --port N        TCP port to listen on (env FEEDKIT_PORT; default 4567)",
      "  --bind ADDRESS  address to listen on (env FEEDKIT_BIND; default 127.0.0.1)",
      "  --jdbc-url URL  keep everything in PostgreSQL (env FEEDKIT_JDBC_URL), such as",
      "                  jdbc:postgresql://127.0.0.1:5432/feedkit?user=feedkit&password=...;",
      "                  default: in memory, gone when the app stops",
      "  --fanout POLICY how posts reach home timelines (env FEEDKIT_FANOUT): pull, push,",
      "                  hybrid or hybrid:N (push below N followers, pull above; default hybrid,",
      "                  N = " + FanoutPolicy.DEFAULT_HYBRID_THRESHOLD + ")",
      "  --worker-id N   this node's id in the ids it makes (env FEEDKIT_WORKER_ID; default 0);",
      "                  give each node writing to one database its own",
      "  --db-connection-timeout MS  how long a request waits for a database connection",
      "                  before it is answered 503 (env FEEDKIT_DB_CONNECTION_TIMEOUT; default 1000)",
      "  --db-statement-timeout MS   how long one SQL statement may run",
      "                  (env FEEDKIT_DB_STATEMENT_TIMEOUT; default 5000)",
      "  --request-deadline MS  how long the database work of one request may take before",
      "                  it is answered 503 (env FEEDKIT_REQUEST_DEADLINE; default 10000)",
      "  --no-rate-limits  switch off the API's rate limits, for load tests",
      "                  (env FEEDKIT_RATE_LIMITS=off; default on: 300 requests per 5 min per",
      "                  account or client, 5 sign-ups per 30 min per client)",
      "  --password-hash-iterations N  PBKDF2 iterations of new password hashes",
      "                  (env FEEDKIT_PASSWORD_HASH_ITERATIONS; default "
          + AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS + "); fewer make stored",
      "                  passwords cheaper to crack: only for seeding a load test's accounts",
      "  --demo          add demo users, follows and posts (env FEEDKIT_DEMO=true)",
      "  --trusted-proxies LIST  reverse proxies whose X-Forwarded-For and X-Forwarded-Proto",
      "                  are believed (env FEEDKIT_TRUSTED_PROXIES): addresses and CIDR ranges,",
      "                  comma-separated, or none; default " + TrustedProxies.DEFAULT,
      "  --help          print this and exit",
      "",
      "The app serves HTTP without TLS: put it behind a reverse proxy for any public use.");

  /**
   * Reads the options.
   *
   * @throws IllegalArgumentException with a message for the user when an option is wrong
   */
  static AppOptions parse(String[] args, Map<String, String> env) {
    String port = env.get("FEEDKIT_PORT");
    String bind = env.get("FEEDKIT_BIND");
    String jdbcUrl = env.get("FEEDKIT_JDBC_URL");
    String workerId = env.get("FEEDKIT_WORKER_ID");
    String fanout = env.get("FEEDKIT_FANOUT");
    boolean demo = isTrue(env.get("FEEDKIT_DEMO"));
    String proxies = env.get("FEEDKIT_TRUSTED_PROXIES");
    String dbConnectionTimeout = env.get("FEEDKIT_DB_CONNECTION_TIMEOUT");
    String dbStatementTimeout = env.get("FEEDKIT_DB_STATEMENT_TIMEOUT");
    String requestDeadline = env.get("FEEDKIT_REQUEST_DEADLINE");
    boolean rateLimits = !"off".equalsIgnoreCase(
        String.valueOf(env.get("FEEDKIT_RATE_LIMITS")).strip());
    String hashIterations = env.get("FEEDKIT_PASSWORD_HASH_ITERATIONS");
    boolean help = false;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--port":
          port = value != null ? value : next(rest, name);
          break;
        case "--bind":
          bind = value != null ? value : next(rest, name);
          break;
        case "--jdbc-url":
          jdbcUrl = value != null ? value : next(rest, name);
          break;
        case "--fanout":
          fanout = value != null ? value : next(rest, name);
          break;
        case "--worker-id":
          workerId = value != null ? value : next(rest, name);
          break;
        case "--no-rate-limits":
          rateLimits = false;
          break;
        case "--password-hash-iterations":
          hashIterations = value != null ? value : next(rest, name);
          break;
        case "--db-connection-timeout":
          dbConnectionTimeout = value != null ? value : next(rest, name);
          break;
        case "--db-statement-timeout":
          dbStatementTimeout = value != null ? value : next(rest, name);
          break;
        case "--request-deadline":
          requestDeadline = value != null ? value : next(rest, name);
          break;
        case "--trusted-proxies":
          proxies = value != null ? value : next(rest, name);
          break;
        case "--demo":
          demo = value == null || isTrue(value);
          break;
        case "--help":
        case "-h":
          help = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + arg + "; see --help");
      }
    }
    Optional<String> database = Optional.ofNullable(jdbcUrl).map(String::strip).filter(s -> !s.isEmpty());
    if (database.isPresent() && !database.get().startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "the JDBC URL must start with jdbc:postgresql:, such as jdbc:postgresql://127.0.0.1:5432/feedkit");
    }
    return new AppOptions(parsePort(port), bind == null || bind.isBlank() ? ServerConfig.DEFAULT_BIND
        : bind.strip(), database, parseFanout(fanout), parseWorkerId(workerId), demo,
        proxies == null ? TrustedProxies.loopback() : TrustedProxies.parse(proxies),
        parseMillis(dbConnectionTimeout, DEFAULT_DB_CONNECTION_TIMEOUT, 250, "db-connection-timeout"),
        parseMillis(dbStatementTimeout, DEFAULT_DB_STATEMENT_TIMEOUT, 1, "db-statement-timeout"),
        parseMillis(requestDeadline, ServerConfig.DEFAULT_REQUEST_DEADLINE, 100, "request-deadline"),
        rateLimits, parseHashIterations(hashIterations), help);
  }

  private static String next(List<String> rest, String name) {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new IllegalArgumentException(name + " needs a value; see --help");
    }
    return rest.remove(0);
  }

  private static int parsePort(String port) {
    if (port == null || port.isBlank()) {
      return ServerConfig.DEFAULT_PORT;
    }
    try {
      int value = Integer.parseInt(port.strip());
      if (value >= 0 && value <= 65_535) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException("the port must be a number from 0 to 65535, was " + port);
  }

  private static FanoutPolicy parseFanout(String fanout) {
    if (fanout == null || fanout.isBlank()) {
      return FanoutPolicy.hybrid();
    }
    String f = fanout.strip().toLowerCase(Locale.ROOT);
    switch (f) {
      case "pull":
        return FanoutPolicy.pull();
      case "push":
        return FanoutPolicy.push();
      case "hybrid":
        return FanoutPolicy.hybrid();
      default:
        if (f.matches("hybrid:[0-9]{1,9}") && Integer.parseInt(f.substring(7)) > 0) {
          return FanoutPolicy.hybrid(Integer.parseInt(f.substring(7)));
        }
        throw new IllegalArgumentException("the fan-out policy must be pull, push, hybrid or "
            + "hybrid:N with N > 0 followers, was " + fanout);
    }
  }

  private static int parseWorkerId(String workerId) {
    if (workerId == null || workerId.isBlank()) {
      return 0;
    }
    String w = workerId.strip();
    if (w.matches("[0-9]{1,9}")) {
      return Integer.parseInt(w);
    }
    throw new IllegalArgumentException("the worker id must be a small non-negative number, was " + workerId);
  }

  private static int parseHashIterations(String iterations) {
    if (iterations == null || iterations.isBlank()) {
      return AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS;
    }
    String i = iterations.strip();
    if (i.matches("[0-9]{1,9}") && Integer.parseInt(i) >= 1) {
      return Integer.parseInt(i);
    }
    throw new IllegalArgumentException(
        "the password hash iterations must be a number, at least 1, was " + iterations);
  }

  private static Duration parseMillis(String value, Duration otherwise, int least, String name) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    String v = value.strip();
    if (v.matches("[0-9]{1,9}") && Integer.parseInt(v) >= least) {
      return Duration.ofMillis(Integer.parseInt(v));
    }
    throw new IllegalArgumentException("--" + name + " must be a number of milliseconds, at least "
        + least + ", was " + value);
  }

  private static boolean isTrue(String value) {
    return value != null && List.of("true", "1", "yes", "on").contains(value.strip().toLowerCase(Locale.ROOT));
  }
}
