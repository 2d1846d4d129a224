package dev.feedkit.example.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.example.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slow clients cost themselves, not others: bodies trickling in hold no thread, a body or a
 * request head that takes too long loses its connection, and other clients stay fast meanwhile.
 * Loopback only; every loop is bounded in count and time.
 */
class SlowClientsTest {

  private static final int SLOW_CLIENTS = 200;
  private static final Duration LONG = Duration.ofSeconds(60);

  @Test
  void twoHundredSlowBodiesKeepOtherClientsFast() throws Exception {
    ServerConfig config =
        ServerConfig.ephemeral().withLimits(LONG, LONG, 24, Duration.ofSeconds(2), 2_000);
    try (TestServer app = TestServer.start(config)) {
      String token = app.signUp("patient");
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < SLOW_CLIENTS; i++) {
          slow.add(startSlowPost(app, token, 1_000));
        }
        // Every slow client has sent its head and part of its body; one more byte each, to be
        // sure they are all past the head.
        for (Socket socket : slow) {
          socket.getOutputStream().write('x');
          socket.getOutputStream().flush();
        }

        long[] millis = new long[100];
        for (int i = 0; i < millis.length; i++) {
          long start = System.nanoTime();
          HttpResponse<String> response =
              i % 5 == 0
                  ? app.postForm(
                      "/api/v1/statuses",
                      Map.of("status", "fast " + i),
                      "Authorization",
                      "Bearer " + token)
                  : app.get("/api/v1/instance");
          millis[i] = (System.nanoTime() - start) / 1_000_000;
          assertThat(response.statusCode()).isEqualTo(200);
        }
        Arrays.sort(millis);
        long p99 = millis[98];
        System.out.printf(
            "SlowClientsTest: with %d slow bodies open, other clients' p50 %d ms,"
                + " p99 %d ms, max %d ms%n",
            SLOW_CLIENTS, millis[49], p99, millis[99]);
        assertThat(p99).as("p99 of other clients, ms").isLessThan(1_000);
        assertThat(app.server.requestsInFlight()).as("slow bodies hold no handler").isZero();
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
      awaitNoRequestOpen(app);
    }
  }

  @Test
  void aBodyThatTakesTooLongLosesItsConnection() throws Exception {
    ServerConfig config =
        ServerConfig.ephemeral()
            .withLimits(LONG, Duration.ofSeconds(1), 24, Duration.ofSeconds(2), 2_000);
    try (TestServer app = TestServer.start(config)) {
      try (Socket socket = startSlowPost(app, app.signUp("slow"), 1_000)) {
        long start = System.nanoTime();
        assertThat(closedWithin(socket, Duration.ofSeconds(20), true))
            .as("the server closed the connection")
            .isTrue();
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(took).as("ms until closed").isLessThan(10_000);
      }
      awaitNoRequestOpen(app);
      assertThat(app.get("/api/v1/instance").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aRequestHeadThatTakesTooLongLosesItsConnection() throws Exception {
    ServerConfig config =
        ServerConfig.ephemeral()
            .withLimits(LONG, Duration.ofSeconds(1), 24, Duration.ofSeconds(2), 2_000);
    try (TestServer app = TestServer.start(config);
        Socket socket = new Socket("127.0.0.1", app.server.port())) {
      socket
          .getOutputStream()
          .write(
              "GET /api/v1/instance HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertThat(closedWithin(socket, Duration.ofSeconds(20), false))
          .as("the server closed the connection")
          .isTrue();
    }
  }

  private static void awaitNoRequestOpen(TestServer app) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (app.server.requestsOpen() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
    assertThat(app.server.requestsOpen()).as("requests still open").isZero();
  }

  /**
   * Opens a connection and sends the head of an authorized POST of a status (whose handler reads
   * the body) and the first byte of its body.
   */
  private static Socket startSlowPost(TestServer app, String token, int length) throws IOException {
    Socket socket = new Socket("127.0.0.1", app.server.port());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /api/v1/statuses HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + token
                + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + length
                + "\r\n\r\ns")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /**
   * Whether the server closes the connection within {@code limit}, while the client keeps
   * trickling one byte every 200 ms (when {@code trickle}) to stay clear of idle timeouts.
   */
  private static boolean closedWithin(Socket socket, Duration limit, boolean trickle)
      throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    socket.setSoTimeout(200);
    InputStream in = socket.getInputStream();
    while (System.nanoTime() < deadline) {
      try {
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        if (trickle) {
          try {
            socket.getOutputStream().write('x');
            socket.getOutputStream().flush();
          } catch (IOException closed) {
            return true;
          }
        }
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }
}
