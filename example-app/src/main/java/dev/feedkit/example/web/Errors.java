package dev.feedkit.example.web;

import dev.feedkit.AuthenticationException;
import dev.feedkit.FeedException;
import dev.feedkit.HandleTakenException;
import dev.feedkit.NotAuthorException;
import dev.feedkit.NotFoundException;
import dev.feedkit.StoreException;
import dev.feedkit.TooManyAttemptsException;
import dev.feedkit.ValidationException;
import java.time.Duration;
import java.util.Optional;
import spark.Response;

/**
 * How a {@link FeedException} is answered: its HTTP status, the message a client sees, and when
 * to try again.
 */
public final class Errors {

  private Errors() {}

  /** The status answering {@code e}: 4xx for what the client can fix, 503 for a store failure. */
  public static int status(FeedException e) {
    if (e instanceof TooManyAttemptsException) {
      return 429;
    } else if (e instanceof AuthenticationException) {
      return 401;
    } else if (e instanceof HandleTakenException) {
      return 409;
    } else if (e instanceof ValidationException) {
      return 422;
    } else if (e instanceof NotFoundException) {
      return 404;
    } else if (e instanceof NotAuthorException) {
      return 403;
    } else if (e instanceof StoreException) {
      return 503;
    }
    return 400;
  }

  /** The message a client sees; a store failure's own message may describe the database. */
  public static String message(FeedException e) {
    if (e instanceof StoreException) {
      return "the service is unavailable for a moment; try again";
    }
    return e.getMessage();
  }

  /** Sets {@code Retry-After} when the failure says when to try again. */
  public static void setRetryAfter(Response res, FeedException e) {
    setRetryAfter(res, retryAfter(e));
  }

  /** Sets {@code Retry-After} to the wait, if there is one. */
  static void setRetryAfter(Response res, Optional<Duration> wait) {
    wait.ifPresent(w -> res.header("Retry-After", retryAfterSeconds(w)));
  }

  /** How long to wait before retrying. */
  private static Optional<Duration> retryAfter(FeedException e) {
    if (e instanceof TooManyAttemptsException tooMany) {
      return Optional.of(tooMany.retryAfter());
    }
    if (e instanceof StoreException) {
      return Optional.of(Duration.ofSeconds(1)); // the database is away: ask again soon
    }
    return Optional.empty();
  }

  /** The {@code Retry-After} value: whole seconds, at least one. */
  static String retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }
}
