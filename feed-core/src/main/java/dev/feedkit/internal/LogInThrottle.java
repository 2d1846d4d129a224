package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.feedkit.TooManyAttemptsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slows password guessing: counts failed log-ins per handle and per client key, and after a free
 * allowance makes each further attempt wait 1 s, 2 s, 4 s … up to a cap.
 *
 * <p>Design:
 * <ul>
 *   <li>An attempt is counted as a failure <em>before</em> its password is checked, and refunded
 *       if it succeeds, so that firing many attempts at once gains nothing over firing them in a
 *       row. Check and count are one atomic {@code compute} per key.
 *   <li>A good log-in clears its handle's count (whoever knows the password may stop the delays)
 *       but only refunds its own attempt on the client's count: logging in to one's own account
 *       between guesses does not reset a guesser's client.
 *   <li>A client that logged in to a handle within {@code TRUST_PERIOD} (30 days) is exempt from that
 *       handle's delays (NIST SP 800-63B's "clients where the subscriber authenticated before"):
 *       guessers elsewhere can delay a handle, never lock its owner out of their usual client,
 *       and others wait at most the cap. The trust is dropped when the password changes.
 *   <li>An attempt within the allowance never sets a wait: {@code now} is read before the
 *       atomic update, so a concurrent caller may have read an earlier instant, and a wait of
 *       "until now" would refuse it.
 *   <li>Handles are counted whether or not a user has them, so delays say nothing about which
 *       handles exist.
 *   <li>Client keys (IP addresses, say) are kept only as an HMAC under a key made per process, so
 *       the state holds no personal data in clear; state is in memory only, forgotten a day after
 *       the last failure, and bounded in size. Several app nodes each throttle on their own.
 * </ul>
 */
final class LogInThrottle {

  /** How long a client that logged in to a handle stays exempt from that handle's delays. */
  static final Duration TRUST_PERIOD = Duration.ofDays(30);

  private static final Duration FORGET_AFTER = Duration.ofDays(1);
  private static final long MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final int freePerHandle;
  private final int freePerClient;
  private final Duration maxDelay;
  private final Cache<String, Failures> handles;
  private final Cache<String, Failures> clients;

  /** Keys {@code handle + " " + client id} of clients that logged in to that handle. */
  private final Cache<String, Boolean> trusted;

  private final SecretKeySpec clientKeyKey;

  LogInThrottle(Clock clock, int freePerHandle, int freePerClient, Duration maxDelay) {
    this.clock = requireNonNull(clock, "clock");
    this.freePerHandle = freePerHandle;
    this.freePerClient = freePerClient;
    this.maxDelay = requireNonNull(maxDelay, "maxDelay");
    Duration forget = maxDelay.compareTo(FORGET_AFTER) > 0 ? maxDelay : FORGET_AFTER;
    ClockTicker ticker = new ClockTicker(clock);
    this.handles =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(forget)
            .maximumSize(MAX_ENTRIES)
            .build();
    this.clients =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(forget)
            .maximumSize(MAX_ENTRIES)
            .build();
    this.trusted =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(TRUST_PERIOD)
            .maximumSize(MAX_ENTRIES)
            .build();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.clientKeyKey = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * Starts an attempt, counting it as failed until {@link Attempt#succeeded()}.
   *
   * @param handle the lower-case handle, or null when no handle applies
   * @param clientKey the client key as given, or null when no client applies
   * @throws TooManyAttemptsException if the handle or the client must wait; nothing is counted
   */
  Attempt begin(String handle, String clientKey) {
    Instant now = clock.instant();
    String client = clientKey == null ? null : clientId(clientKey);
    boolean exempt =
        handle != null && client != null && trusted.getIfPresent(handle + " " + client) != null;
    if (client != null) {
      Duration wait = acquire(clients, client, freePerClient, now);
      if (!wait.isZero()) {
        throw new TooManyAttemptsException(wait);
      }
    }
    String counted = exempt ? null : handle;
    if (counted != null) {
      Duration wait = acquire(handles, counted, freePerHandle, now);
      if (!wait.isZero()) {
        if (client != null) {
          refund(clients, client, freePerClient);
        }
        throw new TooManyAttemptsException(wait);
      }
    }
    return new Attempt(counted, handle, client);
  }

  /** Forgets the clients trusted for {@code handle}: its password changed. */
  void passwordChanged(String handle) {
    String prefix = handle + " ";
    trusted.asMap().keySet().removeIf(key -> key.startsWith(prefix));
  }

  /** If the key must wait, how long; otherwise counts one failure and returns zero. */
  private Duration acquire(Cache<String, Failures> cache, String key, int free, Instant now) {
    Duration[] wait = {Duration.ZERO};
    cache
        .asMap()
        .compute(
            key,
            (k, failures) -> {
              if (failures != null && now.isBefore(failures.blockedUntil)) {
                wait[0] = Duration.between(now, failures.blockedUntil);
                return failures;
              }
              int count = failures == null ? 1 : failures.count + 1;
              Duration delay = delayAfter(count, free);
              if (delay.isZero()) {
                // Within the allowance nothing waits, whatever instant concurrent callers read.
                return new Failures(count, Instant.MIN);
              }
              Instant until = now.plus(delay);
              return new Failures(
                  count,
                  failures != null && failures.blockedUntil.isAfter(until)
                      ? failures.blockedUntil
                      : until);
            });
    return wait[0];
  }

  private void refund(Cache<String, Failures> cache, String key, int free) {
    cache
        .asMap()
        .computeIfPresent(
            key,
            (k, failures) -> {
              int count = failures.count - 1;
              if (count <= 0) {
                return null;
              }
              return count < free ? new Failures(count, Instant.MIN) : failures;
            });
  }

  /** The wait after the {@code count}-th failure: none within the allowance, then doubling. */
  Duration delayAfter(int count, int free) {
    if (count < free) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - free, 30);
    Duration delay = Duration.ofSeconds(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  private String clientId(String clientKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(clientKeyKey);
      byte[] id = mac.doFinal(clientKey.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().withoutPadding().encodeToString(id);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** Failures counted for one key, and until when the key must wait. */
  private record Failures(int count, Instant blockedUntil) {}

  /** One attempt in progress: counted as failed unless it succeeds. */
  final class Attempt {
    private final String countedHandle;
    private final String handle;
    private final String client;

    private Attempt(String countedHandle, String handle, String client) {
      this.countedHandle = countedHandle;
      this.handle = handle;
      this.client = client;
    }

    /**
     * The password was right: clears the handle (unless the client was exempt from it: the
     * owner's usual log-ins must not hand guessers a fresh allowance), refunds the client, and
     * trusts the pair.
     */
    void succeeded() {
      if (countedHandle != null) {
        handles.invalidate(countedHandle);
      }
      if (client != null) {
        refund(clients, client, freePerClient);
        if (handle != null) {
          trusted.put(handle + " " + client, Boolean.TRUE);
        }
      }
    }
  }
}
