package dev.feedkit.example;

import static java.util.Objects.requireNonNull;

import dev.feedkit.AccountsConfig;
import dev.feedkit.FanoutPolicy;
import dev.feedkit.example.web.ServerConfig;
import dev.feedkit.example.web.TrustedProxies;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The command line and environment of the app. Every option can be given as a flag or as an
 * environment variable; a flag wins. Immutable: each {@code with…} method makes a copy.
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
record AppOptions(
    int port,
    String bindAddress,
    Optional<String> jdbcUrl,
    FanoutPolicy fanout,
    int workerId,
    boolean demo,
    TrustedProxies trustedProxies,
    Duration dbConnectionTimeout,
    Duration dbStatementTimeout,
    Duration requestDeadline,
    boolean rateLimits,
    int passwordHashIterations,
    boolean help) {

  /** The default wait for a database connection: fail fast during an outage. */
  static final Duration DEFAULT_DB_CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  /** The default limit of one SQL statement. */
  static final Duration DEFAULT_DB_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

  static final String USAGE =
      String.join(
          "\n",
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
              + AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS
              + "); fewer make stored",
          "                  passwords cheaper to crack: only for seeding a load test's accounts",
          "  --demo          add demo users, follows and posts (env FEEDKIT_DEMO=true)",
          "  --trusted-proxies LIST  reverse proxies whose X-Forwarded-For and X-Forwarded-Proto",
          "                  are believed (env FEEDKIT_TRUSTED_PROXIES): addresses and CIDR ranges,",
          "                  comma-separated, or none; default " + TrustedProxies.DEFAULT,
          "  --help          print this and exit",
          "",
          "The app serves HTTP without TLS: put it behind a reverse proxy for any public use.");

  /**
   * Every option but {@code --help}, in the order their values are checked: the flag is
   * {@code --NAME}, the environment variable {@code FEEDKIT_NAME}. A blank value of an option
   * that takes one leaves its default, but for the trusted proxies: a blank list trusts nobody.
   */
  private static final List<Option> OPTIONS =
      List.of(
          valued("jdbc-url", (d, v) -> d.jdbcUrl = Optional.of(jdbcUrl(v))),
          valued("port", (d, v) -> d.port = port(v)),
          valued("bind", (d, v) -> d.bindAddress = v.strip()),
          valued("fanout", (d, v) -> d.fanout = fanout(v)),
          valued(
              "worker-id",
              (d, v) ->
                  d.workerId = number(v, 0, "the worker id must be a small non-negative number")),
          new Option("demo", false, (d, v) -> d.demo = isTrue(v)),
          new Option("trusted-proxies", true, (d, v) -> d.trustedProxies = TrustedProxies.parse(v)),
          valued(
              "db-connection-timeout",
              (d, v) -> d.dbConnectionTimeout = millis(v, 250, "db-connection-timeout")),
          valued(
              "db-statement-timeout",
              (d, v) -> d.dbStatementTimeout = millis(v, 1, "db-statement-timeout")),
          valued(
              "request-deadline", (d, v) -> d.requestDeadline = millis(v, 100, "request-deadline")),
          new Option(
              "rate-limits", false, (d, v) -> d.rateLimits = !"off".equalsIgnoreCase(v.strip())),
          valued(
              "password-hash-iterations",
              (d, v) ->
                  d.passwordHashIterations =
                      number(v, 1, "the password hash iterations must be a number, at least 1")));

  AppOptions {
    requireNonNull(bindAddress, "bindAddress");
    requireNonNull(jdbcUrl, "jdbcUrl");
    requireNonNull(fanout, "fanout");
    requireNonNull(trustedProxies, "trustedProxies");
    requireNonNull(dbConnectionTimeout, "dbConnectionTimeout");
    requireNonNull(dbStatementTimeout, "dbStatementTimeout");
    requireNonNull(requestDeadline, "requestDeadline");
  }

  /** The options of an empty command line and environment. */
  static AppOptions defaults() {
    return new Draft().options();
  }

  /** The options for a memory store: tests and the default. */
  static AppOptions memory(int port, boolean demo) {
    return defaults().withPort(port).withDemo(demo);
  }

  /** The options for a PostgreSQL database. */
  static AppOptions postgres(String jdbcUrl, FanoutPolicy fanout, boolean demo) {
    return defaults().withPort(0).withJdbcUrl(jdbcUrl).withFanout(fanout).withDemo(demo);
  }

  AppOptions withPort(int port) {
    return with(d -> d.port = port);
  }

  AppOptions withJdbcUrl(String jdbcUrl) {
    return with(d -> d.jdbcUrl = Optional.of(jdbcUrl));
  }

  AppOptions withFanout(FanoutPolicy fanout) {
    return with(d -> d.fanout = fanout);
  }

  AppOptions withWorkerId(int workerId) {
    return with(d -> d.workerId = workerId);
  }

  AppOptions withDemo(boolean demo) {
    return with(d -> d.demo = demo);
  }

  /**
   * Reads the options.
   *
   * @throws IllegalArgumentException with a message for the user when an option is wrong
   */
  static AppOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> given = new HashMap<>();
    for (Option option : OPTIONS) {
      String value = env.get(option.variable());
      if (value != null) {
        given.put(option.name(), value);
      }
    }
    Draft draft = new Draft();
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      int eq = arg.indexOf('=');
      String flag = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
      Optional<String> value =
          flag.equals(arg) ? Optional.empty() : Optional.of(arg.substring(eq + 1));
      switch (flag) {
        case "--help", "-h" -> draft.help = true;
        case "--demo" -> given.put("demo", value.orElse("true"));
        case "--no-rate-limits" -> given.put("rate-limits", "off");
        default -> {
          Option option =
              OPTIONS.stream()
                  .filter(o -> o.valued() && flag.equals("--" + o.name()))
                  .findFirst()
                  .orElseThrow(
                      () -> new IllegalArgumentException("unknown option " + arg + "; see --help"));
          given.put(option.name(), value.isPresent() ? value.get() : next(rest, flag));
        }
      }
    }
    for (Option option : OPTIONS) {
      String value = given.get(option.name());
      if (value != null) {
        option.set().accept(draft, value);
      }
    }
    return draft.options();
  }

  /**
   * One option.
   *
   * @param valued whether its flag takes a value ({@code --demo} and {@code --no-rate-limits}
   *     stand alone)
   * @param set sets what a value of the flag or the variable means
   */
  private record Option(String name, boolean valued, BiConsumer<Draft, String> set) {
    String variable() {
      return "FEEDKIT_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  /** An option whose flag takes a value; a blank one leaves the default. */
  private static Option valued(String name, BiConsumer<Draft, String> set) {
    return new Option(
        name,
        true,
        (draft, value) -> {
          if (!value.isBlank()) {
            set.accept(draft, value);
          }
        });
  }

  private static String next(Deque<String> rest, String name) {
    if (rest.isEmpty() || rest.peekFirst().startsWith("--")) {
      throw new IllegalArgumentException(name + " needs a value; see --help");
    }
    return rest.removeFirst();
  }

  private static String jdbcUrl(String url) {
    String database = url.strip();
    if (!database.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "the JDBC URL must start with jdbc:postgresql:, such as"
              + " jdbc:postgresql://127.0.0.1:5432/feedkit");
    }
    return database;
  }

  private static int port(String port) {
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

  private static FanoutPolicy fanout(String fanout) {
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
        throw new IllegalArgumentException(
            "the fan-out policy must be pull, push, hybrid or "
                + "hybrid:N with N > 0 followers, was "
                + fanout);
    }
  }

  private static Duration millis(String value, int least, String name) {
    return Duration.ofMillis(
        number(value, least, "--" + name + " must be a number of milliseconds, at least " + least));
  }

  /**
   * A number of up to nine decimal digits, at least {@code least}.
   *
   * @throws IllegalArgumentException saying {@code mistake} and what the value was otherwise
   */
  private static int number(String value, int least, String mistake) {
    String v = value.strip();
    if (v.matches("[0-9]{1,9}") && Integer.parseInt(v) >= least) {
      return Integer.parseInt(v);
    }
    throw new IllegalArgumentException(mistake + ", was " + value);
  }

  private static boolean isTrue(String value) {
    return List.of("true", "1", "yes", "on").contains(value.strip().toLowerCase(Locale.ROOT));
  }

  /** A copy with {@code change} made. */
  private AppOptions with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.options();
  }

  /** The options being read or changed, starting from the defaults. */
  private static final class Draft {
    int port = ServerConfig.DEFAULT_PORT;
    String bindAddress = ServerConfig.DEFAULT_BIND;
    Optional<String> jdbcUrl = Optional.empty();
    FanoutPolicy fanout = FanoutPolicy.hybrid();
    int workerId;
    boolean demo;
    TrustedProxies trustedProxies = TrustedProxies.loopback();
    Duration dbConnectionTimeout = DEFAULT_DB_CONNECTION_TIMEOUT;
    Duration dbStatementTimeout = DEFAULT_DB_STATEMENT_TIMEOUT;
    Duration requestDeadline = ServerConfig.DEFAULT_REQUEST_DEADLINE;
    boolean rateLimits = true;
    int passwordHashIterations = AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS;
    boolean help;

    Draft() {}

    Draft(AppOptions options) {
      port = options.port;
      bindAddress = options.bindAddress;
      jdbcUrl = options.jdbcUrl;
      fanout = options.fanout;
      workerId = options.workerId;
      demo = options.demo;
      trustedProxies = options.trustedProxies;
      dbConnectionTimeout = options.dbConnectionTimeout;
      dbStatementTimeout = options.dbStatementTimeout;
      requestDeadline = options.requestDeadline;
      rateLimits = options.rateLimits;
      passwordHashIterations = options.passwordHashIterations;
      help = options.help;
    }

    AppOptions options() {
      return new AppOptions(
          port,
          bindAddress,
          jdbcUrl,
          fanout,
          workerId,
          demo,
          trustedProxies,
          dbConnectionTimeout,
          dbStatementTimeout,
          requestDeadline,
          rateLimits,
          passwordHashIterations,
          help);
    }
  }
}
