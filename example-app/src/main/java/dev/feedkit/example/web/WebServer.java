package dev.feedkit.example.web;

import dev.feedkit.Deadline;
import dev.feedkit.FeedException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;

/**
 * The web server: one Spark {@link Service} instance (not Spark's static singleton, so that tests
 * can run several servers in one JVM) serving the HTML pages and the JSON API it is given.
 *
 * <p>Every response carries the security headers; request bodies above the configured size are
 * refused with 413 before anything reads them; every error a client can cause is answered with
 * its 4xx status and a message (JSON under {@code /api/} and {@code /oauth/}, a page elsewhere),
 * and anything unexpected with a plain 500 whose details go only to the log.
 *
 * <p>Jetty is adjusted through Spark's server factory: no version in the {@code Server} header,
 * and a graceful handler so that {@link #close()} stops accepting connections, then waits for
 * the requests in flight before it returns. What it serves is not closed: its owner does that
 * after.
 */
public final class WebServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private static final String COUNTED = "webserver.counted";
  private static final String DEADLINE = "webserver.deadline";
  private static final String SERVER_FAILURE =
      "something went wrong on the server; try again later";

  private static final String CSP =
      String.join(
          "; ",
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'");

  private final Service http;
  private final int port;
  private final String bindAddress;
  private final AtomicInteger inFlight;
  private final GracefulHandler graceful;

  private WebServer(
      Service http, String bindAddress, AtomicInteger inFlight, GracefulHandler graceful) {
    this.http = http;
    this.port = http.port();
    this.bindAddress = bindAddress;
    this.inFlight = inFlight;
    this.graceful = graceful;
  }

  /**
   * Starts a server and returns once it accepts connections.
   *
   * @param config where to listen and the limits
   * @param api the JSON API, which answers the failures under {@code /api/} and {@code /oauth/}
   * @param pages the HTML pages, which answer every other failure
   * @return the running server
   * @throws IllegalStateException if the server cannot listen, for example because the port is
   *     taken
   */
  public static WebServer start(ServerConfig config, Routes api, Routes pages) {
    Service http = Service.ignite();
    AtomicReference<GracefulHandler> graceful = new AtomicReference<>();
    http.embeddedServerIdentifier(jettyFactory(config, graceful));
    http.ipAddress(config.bindAddress());
    http.port(config.port());
    http.threadPool(32, 4, 30_000);
    AtomicReference<Exception> failure = new AtomicReference<>();
    http.initExceptionHandler(failure::set);

    AtomicInteger inFlight = new AtomicInteger();
    http.untrustForwardHeaders(); // Web reads them, from trusted proxies only
    RateLimits rateLimits = new RateLimits(config.rateLimits());
    http.before(
        (req, res) -> {
          req.raw().setAttribute(Web.TRUSTED_PROXIES, config.trustedProxies());
          inFlight.incrementAndGet();
          req.attribute(COUNTED, Boolean.TRUE);
          securityHeaders(req, res);
          limitBody(req, config.maxBodyBytes());
          rateLimits.check(req, res);
          req.attribute(DEADLINE, Deadline.after(config.requestDeadline()));
        });
    http.afterAfter(
        (req, res) -> {
          if (req.attribute(DEADLINE) instanceof Deadline.Scope deadline) {
            deadline.close();
          }
          if (req.attribute(COUNTED) != null) {
            inFlight.decrementAndGet();
          }
        });
    http.options("/api/*", WebServer::preflight);
    http.options("/oauth/*", WebServer::preflight);
    StaticAssets.register(http);
    api.register(http);
    pages.register(http);

    Failures failures = new Failures(api, pages);
    http.exception(
        HttpError.class,
        (e, req, res) -> {
          Errors.setRetryAfter(res, e.retryAfter());
          failures.answer(req, res, e.status(), e.getMessage(), e.oauthCode());
        });
    http.exception(
        FeedException.class,
        (e, req, res) -> {
          Errors.setRetryAfter(res, e);
          failures.answer(req, res, Errors.status(e), Errors.message(e), Optional.empty());
        });
    http.exception(
        Exception.class,
        (e, req, res) -> {
          log.error(
              "unexpected failure answering {} {}",
              Logs.escape(req.requestMethod()),
              Logs.escape(Web.path(req)),
              Logs.escaped(e));
          failures.answer(req, res, 500, SERVER_FAILURE, Optional.empty());
        });
    http.notFound(
        (req, res) -> {
          securityHeaders(req, res);
          String message = "there is nothing at " + Params.shorten(Web.path(req));
          return failures.body(req, res, 404, message, Optional.empty());
        });
    http.internalServerError(
        (req, res) -> {
          securityHeaders(req, res);
          return failures.body(req, res, 500, SERVER_FAILURE, Optional.empty());
        });

    http.awaitInitialization();
    if (failure.get() != null) {
      http.stop();
      throw new IllegalStateException(
          "could not start the web server on "
              + config.bindAddress()
              + ":"
              + config.port()
              + ": "
              + failure.get().getMessage(),
          failure.get());
    }
    WebServer server = new WebServer(http, config.bindAddress(), inFlight, graceful.get());
    log.info("listening on {}", server.uri());
    return server;
  }

  /** The port the server listens on: the one configured, or the free one picked for port 0. */
  public int port() {
    return port;
  }

  /** How many requests the app's handlers are answering right now. */
  int requestsInFlight() {
    return inFlight.get();
  }

  /**
   * How many requests the server has begun and not finished: those being answered, and those
   * whose body is still arriving (the app sees a request only once its whole body is in).
   */
  public long requestsOpen() {
    return graceful.getCurrentRequestCount();
  }

  /** The server's root, such as {@code http://127.0.0.1:4567/}. */
  public URI uri() {
    String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    if (host.equals("0.0.0.0") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + host + ":" + port + "/");
  }

  /**
   * Stops accepting connections, lets the requests in flight finish (up to the drain timeout) and
   * returns when the server has stopped. Closing twice does nothing.
   */
  @Override
  public void close() {
    long pending = requestsOpen();
    if (pending > 0) {
      log.info("stopping; letting {} request(s) in flight finish", pending);
    }
    http.stop();
    http.awaitStop();
  }

  /** Sets (never adds: error routes call it a second time) the headers of every response. */
  private static void securityHeaders(Request req, Response res) {
    res.raw().setHeader("X-Content-Type-Options", "nosniff");
    res.raw().setHeader("X-Frame-Options", "DENY");
    res.raw().setHeader("Referrer-Policy", "same-origin");
    res.raw().setHeader("Content-Security-Policy", CSP);
    res.raw().setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.raw().setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    res.raw().setHeader("Cache-Control", "no-store");
    if (Web.secure(req)) {
      res.raw().setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    if (Web.isApi(req)) {
      res.raw().setHeader("Access-Control-Allow-Origin", "*");
      res.raw()
          .setHeader(
              "Access-Control-Expose-Headers",
              "Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset");
    }
  }

  private static Object preflight(Request req, Response res) {
    res.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
    res.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
    res.header("Access-Control-Max-Age", "86400");
    res.status(204);
    return "";
  }

  private static void limitBody(Request req, int maxBodyBytes) {
    long length = req.raw().getContentLengthLong();
    if (length > maxBodyBytes) {
      throw HttpError.of(
          413,
          "the request body is " + length + " bytes; at most " + maxBodyBytes + " are accepted");
    }
    if (length < 0 && req.headers("Transfer-Encoding") != null) {
      throw HttpError.of(411, "send the request body with a Content-Length header");
    }
  }

  /** Answers failures: the API those under its paths, the pages every other. */
  private record Failures(Routes api, Routes pages) {

    void answer(Request req, Response res, int status, String message, Optional<String> oauthCode) {
      res.body(body(req, res, status, message, oauthCode));
    }

    String body(Request req, Response res, int status, String message, Optional<String> oauthCode) {
      res.status(status);
      try {
        return (Web.isApi(req) ? api : pages).errorBody(req, res, status, message, oauthCode);
      } catch (RuntimeException e) {
        log.error("cannot render the error answer", e);
        res.type("text/plain; charset=utf-8");
        return status + " " + message + "\n";
      }
    }
  }

  /**
   * Registers a Jetty factory for this one server (so that the server it makes can be reached
   * afterwards) and returns its key in Spark's registry.
   */
  private static synchronized Object jettyFactory(
      ServerConfig config, AtomicReference<GracefulHandler> graceful) {
    Object key = new Object();
    EmbeddedServers.add(key, new EmbeddedJettyFactory(new HardenedJetty(config, graceful)));
    return key;
  }
}
