package dev.feedkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares the example app for the HTTP load run ({@code benchmarks/load.sh}): the load graph
 * ({@link GraphSpec#LOAD}, or {@link GraphSpec#LOAD_FULL} in the full profile) in the app's store,
 * and a reader, logged in through the API and through the HTML form, whose home timeline is full.
 *
 * <ul>
 *   <li>{@code fanout}: prints the app's {@code --fanout} for the graph (hybrid at the graph's
 *       threshold, as the PostgreSQL timelines are loaded).
 *   <li>{@code database}: before the app starts on PostgreSQL, creates the database and loads the
 *       graph with {@link PostgresLoader} ({@code COPY}, hybrid timelines, {@code VACUUM
 *       ANALYZE}).
 *   <li>{@code seed}: against the running app. With {@code --graph} (the memory store, which
 *       nothing outside the app can load), the graph through the app's API: every account signs
 *       up, then every follow, then every post in time order, {@value #THREADS} requests at a
 *       time; the app must run with {@code --password-hash-iterations 1} for thousands of
 *       sign-ups to take seconds. Then, on either store, the reader {@value #READER} signs up
 *       and follows the graph's probe reader's 200 followees one by one (backfill through the
 *       app), the
 *       fan-out work is awaited (PostgreSQL: {@code feedkit_jobs} empty; both: two successive
 *       reads of the reader's first 800 entries agree), the home is checked to hold at least
 *       {@value #FULL_HOME} entries, and the reader logs in on the HTML form. The bearer token
 *       and the session cookie go to {@code reader-<store>.env} in the output directory, what
 *       was seeded to {@code seed-<store>.json}.
 *   <li>{@code drop}: drops the database.
 * </ul>
 *
 * <p>Every wait polls its condition with a deadline; every request must answer 200 (or the
 * redirect of a log-in), or the seeding fails with the response, except that a 503 is retried a
 * few times: seeding is not measured, and a busy machine may briefly exceed the app's bounds.
 */
public final class LoadSeed {

  static final String READER = "loadreader";
  static final int FULL_HOME = 800;
  private static final int THREADS = 8;
  private static final String PASSWORD = "feedkit-load-run";
  private static final Duration SETTLE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String USAGE =
      String.join(
          "\n",
          "usage: LoadSeed fanout --profile quick|full",
          "       LoadSeed database --profile quick|full --server JDBC_URL --database NAME",
          "       LoadSeed seed --profile quick|full --store memory|postgres --url BASE_URL --out DIR",
          "                     [--graph] [--jdbc-url JDBC_URL]",
          "       LoadSeed drop --server JDBC_URL --database NAME");

  private LoadSeed() {}

  /**
   * Runs one command.
   *
   * @param args see the usage text
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--graph")) {
        options.put(flag, "true");
      } else if (flag.startsWith("--") && i + 1 < args.length) {
        options.put(flag, args[++i]);
      } else {
        System.err.println("unknown or incomplete option " + flag + "\n" + USAGE);
        System.exit(2);
        return;
      }
    }
    switch (args[0]) {
      case "fanout" -> System.out.println("hybrid:" + spec(options).hybridThreshold());
      case "database" -> {
        BenchDatabase db =
            BenchDatabase.create(required(options, "--server"), required(options, "--database"));
        PostgresLoader.load(Graph.generate(spec(options)), db, "hybrid");
        System.out.println(db.url());
      }
      case "seed" -> seed(options);
      case "drop" ->
          BenchDatabase.existing(required(options, "--server"), required(options, "--database"))
              .drop();
      default -> {
        System.err.println("unknown command " + args[0] + "\n" + USAGE);
        System.exit(2);
      }
    }
  }

  private static GraphSpec spec(Map<String, String> options) {
    return switch (required(options, "--profile")) {
      case "quick" -> GraphSpec.LOAD;
      case "full" -> GraphSpec.LOAD_FULL;
      default -> throw new IllegalArgumentException("--profile must be quick or full");
    };
  }

  private static String required(Map<String, String> options, String flag) {
    String value = options.get(flag);
    if (value == null) {
      throw new IllegalArgumentException(flag + " is required\n" + USAGE);
    }
    return value;
  }

  private static void seed(Map<String, String> options) throws Exception {
    Graph graph = Graph.generate(spec(options));
    String store = required(options, "--store");
    Api api = new Api(URI.create(required(options, "--url")));
    Path out = Path.of(required(options, "--out"));
    Map<String, Object> seeded = new LinkedHashMap<>();
    seeded.put("store", store);
    seeded.put("graph", graph.spec().toString());
    seeded.put("accounts", graph.accounts);
    seeded.put("follows", graph.follows());
    seeded.put("posts", graph.postId.length);
    long t0 = System.nanoTime();
    if (options.containsKey("--graph")) {
      seedGraph(graph, api);
      seeded.put("graph_seeded_through", "the app's API");
    } else {
      seeded.put("graph_seeded_through", "COPY (PostgresLoader), before the app started");
    }
    seeded.put("graph_seconds", seconds(t0));

    long t1 = System.nanoTime();
    String token =
        api.token(api.post("/api/v1/accounts", null, "username", READER, "password", PASSWORD));
    int[] followees = graph.followees[graph.readers[0][0]];
    // One at a time: a user's follows take the same lock, so more at once only wait for it.
    for (int f : followees) {
      String id =
          api.json(api.get("/api/v1/accounts/lookup?acct=" + graph.handle(f), null))
              .get("id")
              .asText();
      api.post("/api/v1/accounts/" + id + "/follow", token);
    }
    if (options.containsKey("--jdbc-url")) {
      String url = options.get("--jdbc-url");
      await(() -> pendingJobs(url) == 0, "the fan-out jobs of " + url + " to finish");
    }
    List<String> first = new ArrayList<>();
    await(
        () -> {
          List<String> again = homeIds(api, token);
          boolean settled = again.equals(first);
          first.clear();
          first.addAll(again);
          return settled;
        },
        "two successive reads of the reader's home to agree");
    if (first.size() < FULL_HOME) {
      throw new IllegalStateException(
          "the reader's home holds "
              + first.size()
              + " entries; the load run needs at least "
              + FULL_HOME);
    }
    String cookie = api.logInForm(READER, PASSWORD);
    api.expectHtmlHome(cookie);
    seeded.put("reader", READER);
    seeded.put("reader_followees", followees.length);
    seeded.put("reader_home_entries_checked", first.size());
    seeded.put("reader_seconds", seconds(t1));

    Files.createDirectories(out);
    Files.writeString(
        out.resolve("reader-" + store + ".env"),
        "FEEDKIT_LOAD_TOKEN='" + token + "'\n" + "FEEDKIT_LOAD_COOKIE='" + cookie + "'\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("seed-" + store + ".json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(seeded),
        StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "seeded %s: %s; reader follows %d, home checked to %d entries," + " in %.1f s + %.1f s%n",
        store,
        seeded.get("graph_seeded_through"),
        followees.length,
        first.size(),
        seeded.get("graph_seconds"),
        seeded.get("reader_seconds"));
  }

  /** Every account, follow and post of the graph through the API, posts in time order. */
  private static void seedGraph(Graph graph, Api api) throws Exception {
    String[] tokens = new String[graph.accounts];
    String[] ids = new String[graph.accounts];
    long t = System.nanoTime();
    parallel(
        graph.accounts,
        a -> {
          tokens[a] =
              api.token(
                  api.post(
                      "/api/v1/accounts", null, "username", graph.handle(a), "password", PASSWORD));
          ids[a] =
              api.json(api.get("/api/v1/accounts/verify_credentials", tokens[a]))
                  .get("id")
                  .asText();
        });
    System.out.printf(Locale.ROOT, "  %,d sign-ups in %.1f s%n", graph.accounts, seconds(t));
    int[] follower = new int[(int) graph.follows()];
    int[] followee = new int[follower.length];
    int n = 0;
    for (int a = 0; a < graph.accounts; a++) {
      for (int f : graph.followees[a]) {
        follower[n] = a;
        followee[n++] = f;
      }
    }
    t = System.nanoTime();
    parallel(
        follower.length,
        i -> api.post("/api/v1/accounts/" + ids[followee[i]] + "/follow", tokens[follower[i]]));
    System.out.printf(Locale.ROOT, "  %,d follows in %.1f s%n", follower.length, seconds(t));
    t = System.nanoTime();
    parallel(
        graph.postId.length,
        p -> api.post("/api/v1/statuses", tokens[graph.postAuthor[p]], "status", graph.text(p)));
    System.out.printf(Locale.ROOT, "  %,d posts in %.1f s%n", graph.postId.length, seconds(t));
  }

  /** The ids of the reader's first {@value #FULL_HOME} home entries, or all if fewer. */
  private static List<String> homeIds(Api api, String token) {
    List<String> ids = new ArrayList<>();
    String maxId = "";
    while (ids.size() < FULL_HOME) {
      JsonNode page = api.json(api.get("/api/v1/timelines/home?limit=40" + maxId, token));
      if (page.isEmpty()) {
        break;
      }
      for (JsonNode status : page) {
        ids.add(status.get("id").asText());
      }
      maxId = "&max_id=" + ids.get(ids.size() - 1);
    }
    return ids;
  }

  private static long pendingJobs(String url) {
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM feedkit_jobs")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not count the jobs in " + url, e);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after " + SETTLE.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  @FunctionalInterface
  private interface Task {
    void run(int i) throws Exception;
  }

  /** Runs {@code task(0 … n-1)} on {@value #THREADS} threads; the first failure stops them all. */
  private static void parallel(int n, Task task) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    task.run(i);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        try {
          worker.get();
        } catch (java.util.concurrent.ExecutionException e) {
          next.set(n);
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
  }

  /** The app's HTTP API and forms, on one keep-alive client; every answer is checked. */
  private static final class Api {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int RETRIES = 5;

    private final URI base;
    private final HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Api(URI base) {
      this.base = base;
    }

    HttpResponse<String> get(String path, String token) {
      return send(request(path, token).GET().build(), 200);
    }

    HttpResponse<String> post(String path, String token, String... form) {
      return send(
          request(path, token)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form(form)))
              .build(),
          200);
    }

    /** Logs in on the HTML form as a browser does; returns the session cookie, name=value. */
    String logInForm(String handle, String password) {
      HttpResponse<String> page = get("/login", null);
      String anon = cookie(page, "feedkit_anon");
      Matcher csrf = CSRF.matcher(page.body());
      if (!csrf.find()) {
        throw new IllegalStateException(
            "the log-in form has no csrf field: " + shorten(page.body()));
      }
      HttpResponse<String> done =
          send(
              request("/login", null)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Cookie", anon)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form("handle", handle, "password", password, "csrf", csrf.group(1))))
                  .build(),
              302,
              303);
      return cookie(done, "feedkit_session");
    }

    /** Checks that the home page with this cookie is the reader's, not the welcome page. */
    void expectHtmlHome(String cookie) {
      HttpResponse<String> home =
          send(request("/", null).header("Cookie", cookie).GET().build(), 200);
      if (!home.body().contains("/logout")) {
        throw new IllegalStateException(
            "the home page with the session cookie is not logged in: " + shorten(home.body()));
      }
    }

    JsonNode json(HttpResponse<String> response) {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + shorten(response.body()), e);
      }
    }

    String token(HttpResponse<String> response) {
      return json(response).get("access_token").asText();
    }

    private HttpRequest.Builder request(String path, String token) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
      return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /**
     * Sends a request; a 503 (the app's bound on requests in flight, or on database connections,
     * on a busy machine) or a keep-alive connection closed before the answer (the JDK client's
     * "header parser received no bytes") is retried up to {@value #RETRIES} times, after a
     * growing pause.
     */
    private HttpResponse<String> send(HttpRequest request, int... expected) {
      HttpResponse<String> response = null;
      try {
        for (int attempt = 0; response == null || response.statusCode() == 503; attempt++) {
          if (attempt > 0) {
            Thread.sleep(100L * attempt);
          }
          try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
          } catch (IOException e) {
            if (attempt == RETRIES) {
              throw new IllegalStateException(
                  request.method() + " " + request.uri() + " failed", e);
            }
          }
          if (attempt == RETRIES) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      for (int status : expected) {
        if (response.statusCode() == status) {
          return response;
        }
      }
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + shorten(response.body()));
    }

    private static String cookie(HttpResponse<String> response, String name) {
      for (String header : response.headers().allValues("set-cookie")) {
        if (header.startsWith(name + "=")) {
          return header.substring(
              0, header.indexOf(';') < 0 ? header.length() : header.indexOf(';'));
        }
      }
      throw new IllegalStateException(response.request().uri() + " set no " + name + " cookie");
    }

    private static String form(String... pairs) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i + 1 < pairs.length; i += 2) {
        if (body.length() > 0) {
          body.append('&');
        }
        body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
      }
      return body.toString();
    }

    private static String shorten(String body) {
      return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
  }
}
