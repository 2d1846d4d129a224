package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The app as {@code java -jar} runs it: options, demo data, shutdown. */
class ExampleAppTest {

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDemoMakesTheFirstPageAlive() throws Exception {
    try (ExampleApp app = ExampleApp.start(AppOptions.memory(0, true))) {
      URI root = app.server().uri();
      String welcome = get(root).body();
      assertThat(welcome)
          .contains("People here", "Log in as <strong>demo</strong>", "feedkit-demo");
      String api = get(root.resolve("/api/v1/accounts/lookup?acct=demo")).body();
      assertThat(api).contains("\"following_count\":16");
      String demoProfile = get(root.resolve("/users/demo")).body();
      assertThat(demoProfile).contains("Hello! Just trying out this feedkit demo.");
    }
  }

  @Test
  void closingStopsAcceptingConnections() throws Exception {
    ExampleApp app = ExampleApp.start(AppOptions.memory(0, false));
    int port = app.server().port();
    assertThat(get(app.server().uri()).statusCode()).isEqualTo(200);
    app.close();
    app.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void closingLetsTheRequestsInFlightFinish() throws Exception {
    ExampleApp app = ExampleApp.start(AppOptions.memory(0, false));
    int port = app.server().port();
    String body = "grant_type=password&username=nobody_here&password=not-a-real-password";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body.substring(0, 10))
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await(() -> app.server().requestsOpen() == 1, "the request to be in flight");

      CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
      await(() -> refusesConnections(port), "the server to stop accepting connections");
      assertThat(closing).isNotDone();

      out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 400").contains("invalid_grant");
      closing.get(30, TimeUnit.SECONDS);
    }
  }

  private static boolean refusesConnections(int port) {
    try {
      new Socket("127.0.0.1", port).close();
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  @Test
  void aWorkerIdOutOfRangeIsAClearError() {
    AppOptions options = AppOptions.memory(0, false).withWorkerId(1_000_000);
    assertThatThrownBy(() -> ExampleApp.start(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workerId");
  }

  @Test
  void aTakenPortIsAClearError() throws Exception {
    try (ExampleApp first = ExampleApp.start(AppOptions.memory(0, false))) {
      int port = first.server().port();
      assertThatThrownBy(() -> ExampleApp.start(AppOptions.memory(port, false)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not start the web server on 127.0.0.1:" + port);
    }
  }
}
