package dev.feedkit.example;

import static spark.Spark.awaitInitialization;
import static spark.Spark.get;
import static spark.Spark.ipAddress;
import static spark.Spark.port;

import dev.feedkit.Feed;
import dev.feedkit.memory.InMemoryFeedStore;

/** Starts the example app on the in-memory store, at http://127.0.0.1:4567/. */
public final class ExampleApp {

  private ExampleApp() {}

  /** Runs the app until the process is stopped. */
  public static void main(String[] args) {
    Feed feed = Feed.builder().store(new InMemoryFeedStore()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(feed::close, "feedkit-shutdown"));
    ipAddress("127.0.0.1");
    port(4567);
    get("/", (request, response) -> {
      response.type("text/plain; charset=utf-8");
      return "feedkit example app: " + feed.searchUsers("", 200).size() + " users\n";
    });
    awaitInitialization();
    System.out.println("feedkit example app on http://127.0.0.1:4567/");
  }
}
