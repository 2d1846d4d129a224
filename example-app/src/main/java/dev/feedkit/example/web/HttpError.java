package dev.feedkit.example.web;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the app refuses, with the HTTP status to answer and a message that says what to fix.
 * Thrown by the request handlers for mistakes feedkit itself does not see (a missing parameter, a
 * missing token, an unsupported media type); the error handlers turn it into a page or JSON.
 */
public final class HttpError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Optional<Duration> retryAfter;
  private final String oauthCode;

  private HttpError(int status, String message, Duration retryAfter, String oauthCode) {
    super(requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.retryAfter = Optional.ofNullable(retryAfter);
    this.oauthCode = oauthCode;
  }

  static HttpError of(int status, String message) {
    return new HttpError(status, message, null, null);
  }

  /** A 400: the request is malformed. */
  public static HttpError badRequest(String message) {
    return of(400, message);
  }

  /** A 401: no valid session. */
  public static HttpError unauthorized(String message) {
    return of(401, message);
  }

  /** A 403: the request is not allowed, whoever sends it. */
  public static HttpError forbidden(String message) {
    return of(403, message);
  }

  /** A 404: nothing has that name. */
  public static HttpError notFound(String message) {
    return of(404, message);
  }

  /** A 422: well formed, but asks for what the app does not do. */
  public static HttpError unprocessable(String message) {
    return of(422, message);
  }

  static HttpError tooManyRequests(String message, Duration retryAfter) {
    return new HttpError(429, message, requireNonNull(retryAfter, "retryAfter"), null);
  }

  /** An OAuth 2 error (RFC 6749 section 5.2): a machine code plus a description. */
  public static HttpError oauth(int status, String code, String description) {
    return new HttpError(status, description, null, requireNonNull(code, "code"));
  }

  int status() {
    return status;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** The OAuth error code, for errors of the OAuth endpoints. */
  Optional<String> oauthCode() {
    return Optional.ofNullable(oauthCode);
  }
}
