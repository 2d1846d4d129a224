package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The app as {@code java -jar} runs it: options, demo data, shutdown. */
class ExampleAppTest {

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDemoMakesTheFirstPageAlive() throws Exception {
    try (ExampleApp app = ExampleApp.start(AppOptions.memory(0, true))) {
      URI root = app.server().uri();
      String welcome = get(root).body();
      assertThat(welcome).contains("People here", "Log in as <strong>demo</strong>", "feedkit-demo");
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
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
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
