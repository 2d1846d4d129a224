package dev.feedkit.example.web;

import java.util.Optional;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * One part of the site, which the {@link WebServer} serves: its routes, and how it answers a
 * request of its own that fails. The server answers many requests at once, so an implementation
 * is thread-safe.
 */
public interface Routes {

  /** Adds the routes to {@code http}. */
  void register(Service http);

  /**
   * The body answering a failed request, with its content type set on {@code res}; the status is
   * set already.
   *
   * @param message what went wrong, for the client
   * @param oauthCode the OAuth error code, for the failures of OAuth endpoints
   */
  String errorBody(
      Request req, Response res, int status, String message, Optional<String> oauthCode);
}
