package dev.feedkit;

import static java.util.Objects.requireNonNull;

import dev.feedkit.internal.Checks;
import dev.feedkit.internal.Rules;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The options of {@link Accounts}, given to {@link FeedBuilder#accounts(AccountsConfig)}. Start
 * from {@link #defaults()}, which are meant for production, and change what you need:
 *
 * <pre>{@code
 * AccountsConfig config = AccountsConfig.defaults()
 *     .withSessionIdleTimeout(Duration.ofDays(7))
 *     .withReservedHandles(Set.of("admin", "root", "help", "settings"));
 * }</pre>
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>password hash iterations (PBKDF2-HMAC-SHA256)</td><td>600,000</td></tr>
 *   <tr><td>session idle timeout (sliding)</td><td>14 days</td></tr>
 *   <tr><td>session maximum lifetime</td><td>90 days</td></tr>
 *   <tr><td>session cache expiry</td><td>1 minute</td></tr>
 *   <tr><td>failed log-ins before delays, per handle</td><td>5</td></tr>
 *   <tr><td>failed log-ins before delays, per client</td><td>20</td></tr>
 *   <tr><td>longest log-in delay</td><td>15 minutes</td></tr>
 *   <tr><td>reserved handles</td><td>{@link #DEFAULT_RESERVED_HANDLES}</td></tr>
 * </table>
 *
 * <p>Instances are immutable: each {@code with} method returns a new config. The constructor
 * checks every option, so a bad value fails at once with a message that names the option.
 *
 * @param passwordHashIterations the PBKDF2-HMAC-SHA256 iteration count of new password hashes, 1
 *     to {@value #MAX_PASSWORD_HASH_ITERATIONS}
 * @param sessionIdleTimeout how long a session lasts without use, positive
 * @param sessionMaxLifetime how long a session lasts at most, positive
 * @param sessionCacheExpiry how long a cached session is trusted, zero or positive; zero when the
 *     cache is off
 * @param failedLogInsPerHandle failures of one handle before delays start, at least 1
 * @param failedLogInsPerClient failures from one client before delays start, at least 1
 * @param maxLogInDelay the longest delay a failed log-in imposes, positive
 * @param reservedHandles the reserved handles: valid handles, kept lower-case and unmodifiable
 */
public record AccountsConfig(
    int passwordHashIterations,
    Duration sessionIdleTimeout,
    Duration sessionMaxLifetime,
    Duration sessionCacheExpiry,
    int failedLogInsPerHandle,
    int failedLogInsPerClient,
    Duration maxLogInDelay,
    Set<String> reservedHandles) {

  /**
   * The default PBKDF2-HMAC-SHA256 iteration count: OWASP's recommendation (Password Storage Cheat
   * Sheet, 2023 and since).
   */
  public static final int DEFAULT_PASSWORD_HASH_ITERATIONS = 600_000;

  /**
   * The largest PBKDF2-HMAC-SHA256 iteration count: about a minute of one core per hash, far above
   * any sensible setting.
   */
  public static final int MAX_PASSWORD_HASH_ITERATIONS = 100_000_000;

  /**
   * The handles no one may sign up with, compared without regard to case: names that could pass
   * for the service itself, and common paths of a web app.
   */
  public static final Set<String> DEFAULT_RESERVED_HANDLES =
      Set.of(
          "about",
          "admin",
          "administrator",
          "anonymous",
          "api",
          "feedkit",
          "help",
          "home",
          "login",
          "logout",
          "moderator",
          "null",
          "official",
          "root",
          "search",
          "security",
          "settings",
          "signup",
          "staff",
          "support",
          "system",
          "www");

  private static final AccountsConfig DEFAULTS =
      new AccountsConfig(
          DEFAULT_PASSWORD_HASH_ITERATIONS,
          Duration.ofDays(14),
          Duration.ofDays(90),
          Duration.ofMinutes(1),
          5,
          20,
          Duration.ofMinutes(15),
          DEFAULT_RESERVED_HANDLES);

  /**
   * Checks every option, and keeps the reserved handles lower-case in an unmodifiable set.
   *
   * @throws IllegalArgumentException if an option is out of range or a reserved handle is not a
   *     valid handle
   * @throws NullPointerException if a duration, the handles or one of them is null
   */
  public AccountsConfig {
    Checks.atLeast("passwordHashIterations", 1, passwordHashIterations);
    Checks.atMost("passwordHashIterations", MAX_PASSWORD_HASH_ITERATIONS, passwordHashIterations);
    Checks.positive("sessionIdleTimeout", sessionIdleTimeout);
    Checks.positive("sessionMaxLifetime", sessionMaxLifetime);
    Checks.notNegative("sessionCacheExpiry", sessionCacheExpiry);
    Checks.atLeast("failedLogInsPerHandle", 1, failedLogInsPerHandle);
    Checks.atLeast("failedLogInsPerClient", 1, failedLogInsPerClient);
    Checks.positive("maxLogInDelay", maxLogInDelay);
    reservedHandles = lowerCaseHandles(reservedHandles);
  }

  /** Returns the defaults, meant for production (see the table above). */
  public static AccountsConfig defaults() {
    return DEFAULTS;
  }

  /**
   * Sets how many PBKDF2-HMAC-SHA256 iterations new password hashes take. Each stored hash keeps
   * its own count, so raising it later is safe: a user's hash is upgraded at their next good
   * log-in.
   *
   * <p>A count below {@value #DEFAULT_PASSWORD_HASH_ITERATIONS} makes every stored password
   * cheaper to crack; use one only in tests, where hashing would otherwise dominate the run time.
   * A feed built with one logs a warning.
   *
   * @param iterations 1 to {@value #MAX_PASSWORD_HASH_ITERATIONS}
   * @return a config with this iteration count
   * @throws IllegalArgumentException if {@code iterations} is out of range
   */
  public AccountsConfig withPasswordHashIterations(int iterations) {
    return change(draft -> draft.passwordHashIterations = iterations);
  }

  /**
   * Sets how long a session lasts without use. Every use renews it (sliding expiry), up to the
   * maximum lifetime.
   *
   * @param timeout positive
   * @return a config with this timeout
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public AccountsConfig withSessionIdleTimeout(Duration timeout) {
    return change(draft -> draft.sessionIdleTimeout = timeout);
  }

  /**
   * Sets how long a session lasts at most from its log-in, however often it is used.
   *
   * @param lifetime positive
   * @return a config with this lifetime
   * @throws IllegalArgumentException if {@code lifetime} is zero or negative
   */
  public AccountsConfig withSessionMaxLifetime(Duration lifetime) {
    return change(draft -> draft.sessionMaxLifetime = lifetime);
  }

  /**
   * Sets how long a session read from the store is trusted from the cache. Log-out, log-out
   * everywhere and password changes take effect at once in the feed that made them, and in other
   * feeds over the same store (other app nodes) as soon as the store's invalidation channel tells
   * them ({@code JdbcFeedStore}: PostgreSQL {@code NOTIFY}); this expiry bounds how long a
   * revocation whose notification was lost can go unnoticed there. Zero turns the cache off.
   *
   * @param expiry zero or positive
   * @return a config with this expiry
   * @throws IllegalArgumentException if {@code expiry} is negative
   */
  public AccountsConfig withSessionCacheExpiry(Duration expiry) {
    return change(draft -> draft.sessionCacheExpiry = expiry);
  }

  /**
   * Sets how failed log-ins are throttled. After {@code perHandle} failures for one handle (from
   * any client), or {@code perClient} failures from one client key (for any handle), each further
   * attempt must wait: 1 s, then 2 s, 4 s and so on, never more than {@code maxDelay}. A good
   * log-in clears its handle's count; a client's count fades only after a day without failures.
   * A client that logged in to a handle before is exempt from that handle's delays, so an attacker
   * cannot lock its owner out.
   *
   * @param perHandle failures of one handle before delays start, at least 1
   * @param perClient failures of one client before delays start, at least 1
   * @param maxDelay the longest delay, positive
   * @return a config with this throttle
   * @throws IllegalArgumentException if a count is below 1 or the delay not positive
   */
  public AccountsConfig withLogInThrottle(int perHandle, int perClient, Duration maxDelay) {
    return change(
        draft -> {
          draft.failedLogInsPerHandle = perHandle;
          draft.failedLogInsPerClient = perClient;
          draft.maxLogInDelay = maxDelay;
        });
  }

  /**
   * Sets the handles no one may sign up with, replacing the {@linkplain #DEFAULT_RESERVED_HANDLES
   * default list}; compared without regard to case. A host may still give such a handle to an
   * account of its own with {@link Feed#createUser}.
   *
   * @param handles valid handles, possibly none
   * @return a config with these reserved handles
   * @throws IllegalArgumentException if one is not a valid handle
   */
  public AccountsConfig withReservedHandles(Collection<String> handles) {
    Set<String> copy = new HashSet<>(requireNonNull(handles, "reservedHandles"));
    return change(draft -> draft.reservedHandles = copy);
  }

  private static Set<String> lowerCaseHandles(Collection<String> handles) {
    Set<String> lower = new TreeSet<>();
    for (String handle : requireNonNull(handles, "reservedHandles")) {
      if (!Rules.isHandle(requireNonNull(handle, "reserved handle"))) {
        throw new IllegalArgumentException(
            "reservedHandles must be valid handles, was \"" + handle + "\"");
      }
      lower.add(Rules.canonicalHandle(handle));
    }
    return Set.copyOf(lower);
  }

  private AccountsConfig change(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.config();
  }

  /** The options as a with method changes them; the record's constructor then checks them. */
  private static final class Draft {
    int passwordHashIterations;
    Duration sessionIdleTimeout;
    Duration sessionMaxLifetime;
    Duration sessionCacheExpiry;
    int failedLogInsPerHandle;
    int failedLogInsPerClient;
    Duration maxLogInDelay;
    Set<String> reservedHandles;

    Draft(AccountsConfig from) {
      passwordHashIterations = from.passwordHashIterations;
      sessionIdleTimeout = from.sessionIdleTimeout;
      sessionMaxLifetime = from.sessionMaxLifetime;
      sessionCacheExpiry = from.sessionCacheExpiry;
      failedLogInsPerHandle = from.failedLogInsPerHandle;
      failedLogInsPerClient = from.failedLogInsPerClient;
      maxLogInDelay = from.maxLogInDelay;
      reservedHandles = from.reservedHandles;
    }

    AccountsConfig config() {
      return new AccountsConfig(
          passwordHashIterations,
          sessionIdleTimeout,
          sessionMaxLifetime,
          sessionCacheExpiry,
          failedLogInsPerHandle,
          failedLogInsPerClient,
          maxLogInDelay,
          reservedHandles);
    }
  }
}
