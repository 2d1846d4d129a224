package dev.feedkit.example.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * Makes the Jetty server under Spark: no version in the {@code Server} header, forwarded headers
 * left to the app, JSON error bodies, a graceful stop, and bounds that make slow clients cost
 * themselves only.
 *
 * <p>Handlers, outermost first: {@link GracefulHandler} (a stop waits for the requests in
 * flight); {@link BodyDeadline} (a request whose body is not in within the body timeout loses its
 * connection); {@link EagerContentHandler} (the whole body is read, without holding a thread,
 * before Spark sees the request, so a handler never blocks on a slow body, and no response leaves
 * while a body is unread); {@code BodyIn} (ends the deadline); {@link QoSHandler} (at most {@code maxRequestsInFlight} requests in
 * the app's handlers, the rest wait up to the queue timeout, then get 503); Spark's servlet
 * context. The connector closes connections silent for the idle timeout, and a connection that
 * has not sent its first request's headers within the body timeout; at most
 * {@code maxConnections} are open at once.
 */
final class HardenedJetty implements JettyServerFactory {

  private static final Logger log = LoggerFactory.getLogger(HardenedJetty.class);

  /** The request attribute through which the deadline learns that a body is in. */
  private static final String BODY_IN = "feedkit.bodyIn";

  private final ServerConfig config;
  private final AtomicReference<GracefulHandler> graceful;

  HardenedJetty(ServerConfig config, AtomicReference<GracefulHandler> graceful) {
    this.config = config;
    this.graceful = graceful;
  }

  @Override
  public Server create(int maxThreads, int minThreads, int idleTimeoutMillis) {
    return create(
        maxThreads > 0
            ? new QueuedThreadPool(
                maxThreads,
                Math.max(1, minThreads),
                idleTimeoutMillis > 0 ? idleTimeoutMillis : 60_000)
            : new QueuedThreadPool());
  }

  @Override
  public Server create(ThreadPool threadPool) {
    Server server =
        new Server(threadPool) {
          @Override
          protected void doStart() throws Exception {
            for (Connector connector : getConnectors()) {
              configure(this, connector);
            }
            if (!(getHandler() instanceof GracefulHandler)) {
              setHandler(wrap(getHandler()));
            }
            super.doStart();
          }

          @Override
          protected void doStop() throws Exception {
            // Spark ends the JVM when a stop fails; requests still open after the drain timeout
            // (a body that never came) are cut off instead, which is what the timeout is for.
            try {
              super.doStop();
            } catch (TimeoutException e) {
              log.warn(
                  "stopped with requests still open after the drain timeout of {} ms",
                  config.drainTimeout().toMillis());
            }
          }
        };
    server.setErrorHandler(new JsonErrorHandler(config.maxBodyBytes()));
    server.setStopTimeout(config.drainTimeout().toMillis());
    server.setStopAtShutdown(false);
    server.addBean(new NetworkConnectionLimit(config.maxConnections(), server));
    return server;
  }

  private void configure(Server server, Connector connector) {
    HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
    if (http != null) {
      http.getHttpConfiguration().setSendServerVersion(false);
      http.getHttpConfiguration().setSendXPoweredBy(false);
      // Spark adds Jetty's customizer when it trusts forwarded headers; the app reads them
      // itself, from trusted proxies only.
      http.getHttpConfiguration()
          .getCustomizers()
          .removeIf(c -> c instanceof org.eclipse.jetty.server.ForwardedRequestCustomizer);
    }
    if (connector instanceof ServerConnector network) {
      network.setIdleTimeout(config.idleTimeout().toMillis());
      long headerMillis = config.bodyTimeout().toMillis();
      network.addBean(
          new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
              Scheduler scheduler = server.getScheduler();
              scheduler.schedule(
                  () -> {
                    if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
                      connection.getEndPoint().close();
                    }
                  },
                  headerMillis,
                  TimeUnit.MILLISECONDS);
            }
          });
    }
  }

  private Handler wrap(Handler spark) {
    QoSHandler qos = new QoSHandler(spark);
    qos.setMaxRequestCount(config.maxRequestsInFlight());
    qos.setMaxSuspend(config.queueTimeout());
    qos.setRejectStatusCode(503);
    EagerContentHandler eager =
        new EagerContentHandler(
            new BodyIn(qos),
            new EagerContentHandler.RetainedContentLoaderFactory(config.maxBodyBytes(), 0, true));
    GracefulHandler outer = new GracefulHandler(new BodyDeadline(eager, config.bodyTimeout()));
    graceful.set(outer);
    return outer;
  }

  /**
   * Times out a request whose body is not in within the timeout, closing its connection. Reading the body
   * holds no thread (the eager handler inside waits for it asynchronously), so the only cost of a
   * slow body is its connection, for at most this long.
   */
  static final class BodyDeadline extends Handler.Wrapper {
    private final Duration timeout;

    BodyDeadline(Handler handler, Duration timeout) {
      super(handler);
      this.timeout = timeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      if (request.getLength() == 0) {
        return super.handle(request, response, callback);
      }
      AtomicBoolean settled = new AtomicBoolean();
      Scheduler.Task deadline =
          request
              .getComponents()
              .getScheduler()
              .schedule(
                  () -> {
                    if (settled.compareAndSet(false, true)) {
                      log.info(
                          "timed out a request whose body was not in after {} ms",
                          timeout.toMillis());
                      // Answered here, so the request ends now; Jetty closes the connection, as the
                      // body
                      // was not read, and the loader waiting for it is told BodyIn must not go on.
                      Response.writeError(
                          request,
                          response,
                          callback,
                          408,
                          "the request body did not arrive in time");
                    }
                  },
                  timeout.toMillis(),
                  TimeUnit.MILLISECONDS);
      request.setAttribute(BODY_IN, settled);
      return super.handle(request, response, Callback.from(callback, deadline::cancel));
    }
  }

  /** Marks the body of a request as in (the handler before it read all of it). */
  private static final class BodyIn extends Handler.Wrapper {
    BodyIn(Handler handler) {
      super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      if (request.getAttribute(BODY_IN) instanceof AtomicBoolean settled
          && !settled.compareAndSet(false, true)) {
        return true; // the deadline answered this request already
      }
      return super.handle(request, response, callback);
    }
  }

  /**
   * Answers the requests Jetty itself refuses before they reach the app (a malformed URI, a
   * header too large) with {@code {"error": "..."}} instead of Jetty's HTML page, and never with
   * a stack trace.
   */
  static final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxBodyBytes;

    JsonErrorHandler(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      log.info("refused a malformed request: {} {}", status, Logs.escape(reason));
      fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      // Jetty closes the connection after a message it could not parse; saying so lets a client
      // that keeps connections open send its next request on a new one instead of losing it.
      fields.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      return BufferUtil.toBuffer(body(status, reason), StandardCharsets.UTF_8);
    }

    /** Every method gets the JSON body, not only GET, POST and HEAD as in Jetty's default. */
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(
        org.eclipse.jetty.server.Request request,
        org.eclipse.jetty.server.Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback)
        throws IOException {
      if (code >= 500) {
        log.error(
            "failure answering {} {}: {} {}",
            Logs.escape(request.getMethod()),
            Logs.escape(request.getHttpURI().getPathQuery()),
            code,
            Logs.escape(message),
            cause == null ? null : Logs.escaped(cause));
      } else {
        log.info(
            "refused {} {}: {} {}",
            Logs.escape(request.getMethod()),
            Logs.escape(request.getHttpURI().getPathQuery()),
            code,
            Logs.escape(message));
      }
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      // Jetty ends the connection after a request it refused before the app saw it (a path it
      // will not decode, say); saying so lets a client that keeps connections open send its next
      // request on a new one instead of losing it on this one.
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      response.write(
          true, BufferUtil.toBuffer(body(code, message), StandardCharsets.UTF_8), callback);
    }

    private String body(int status, String reason) {
      String message =
          status >= 500
              ? "something went wrong on the server; try again later"
              : status == 413
                  ? "the request body is too large; at most " + maxBodyBytes + " bytes are accepted"
                  : "the request is malformed"
                      + (reason == null || reason.isBlank() ? "" : ": " + reason);
      try {
        return JSON.writeValueAsString(Map.of("error", message));
      } catch (JsonProcessingException e) {
        return "{\"error\": \"bad request\"}";
      }
    }
  }
}
