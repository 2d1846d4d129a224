package dev.feedkit;

import static java.util.Objects.requireNonNull;

import dev.feedkit.internal.Rules;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

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
 * <p>Instances are immutable: each {@code with} method returns a new config, and checks its
 * argument at once with a message that names the option.
 */
public final class AccountsConfig {

  /**
   * The default PBKDF2-HMAC-SHA256 iteration count: OWASP's recommendation (Password Storage Cheat
   * Sheet, 2023 and since).
   */
  public static final int DEFAULT_PASSWORD_HASH_ITERATIONS = 600_000;

  /**
   * The handles no one may sign up with, compared without regard to case: names that could pass
   * for the service itself, and common paths of a web app.
   */
  public static final Set<String> DEFAULT_RESERVED_HANDLES = Set.of(
      "about", "admin", "administrator", "anonymous", "api", "feedkit", "help", "home", "login",
      "logout", "moderator", "null", "official", "root", "search", "security", "settings",
      "signup", "staff", "support", "system", "www");

  private static final AccountsConfig DEFAULTS = new AccountsConfig(
      DEFAULT_PASSWORD_HASH_ITERATIONS, Duration.ofDays(14), Duration.ofDays(90),
      Duration.ofMinutes(1), 5, 20, Duration.ofMinutes(15), DEFAULT_RESERVED_HANDLES);

  private final int passwordHashIterations;
  private final Duration sessionIdleTimeout;
  private final Duration sessionMaxLifetime;
  private final Duration sessionCacheExpiry;
  private final int failedLogInsPerHandle;
  private final int failedLogInsPerClient;
  private final Duration maxLogInDelay;
  private final Set<String> reservedHandles;

  private AccountsConfig(int passwordHashIterations, Duration sessionIdleTimeout,
      Duration sessionMaxLifetime, Duration sessionCacheExpiry, int failedLogInsPerHandle,
      int failedLogInsPerClient, Duration maxLogInDelay, Set<String> reservedHandles) {
    this.passwordHashIterations = passwordHashIterations;
    this.sessionIdleTimeout = sessionIdleTimeout;
    this.sessionMaxLifetime = sessionMaxLifetime;
    this.sessionCacheExpiry = sessionCacheExpiry;
    this.failedLogInsPerHandle = failedLogInsPerHandle;
    this.failedLogInsPerClient = failedLogInsPerClient;
    this.maxLogInDelay = maxLogInDelay;
    this.reservedHandles = reservedHandles;
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
   * @param iterations at least 1
   * @return a config with this iteration count
   * @throws IllegalArgumentException if {@code iterations < 1}
   */
  public AccountsConfig withPasswordHashIterations(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException(
          "passwordHashIterations must be >= 1, was " + iterations);
    }
    return new AccountsConfig(iterations, sessionIdleTimeout, sessionMaxLifetime,
        sessionCacheExpiry, failedLogInsPerHandle, failedLogInsPerClient, maxLogInDelay,
        reservedHandles);
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
    return new AccountsConfig(passwordHashIterations, positive("sessionIdleTimeout", timeout),
        sessionMaxLifetime, sessionCacheExpiry, failedLogInsPerHandle, failedLogInsPerClient,
        maxLogInDelay, reservedHandles);
  }

  /**
   * Sets how long a session lasts at most from its log-in, however often it is used.
   *
   * @param lifetime positive
   * @return a config with this lifetime
   * @throws IllegalArgumentException if {@code lifetime} is zero or negative
   */
  public AccountsConfig withSessionMaxLifetime(Duration lifetime) {
    return new AccountsConfig(passwordHashIterations, sessionIdleTimeout,
        positive("sessionMaxLifetime", lifetime), sessionCacheExpiry, failedLogInsPerHandle,
        failedLogInsPerClient, maxLogInDelay, reservedHandles);
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
    requireNonNull(expiry, "sessionCacheExpiry");
    if (expiry.isNegative()) {
      throw new IllegalArgumentException("sessionCacheExpiry must be >= 0, was " + expiry);
    }
    return new AccountsConfig(passwordHashIterations, sessionIdleTimeout, sessionMaxLifetime,
        expiry, failedLogInsPerHandle, failedLogInsPerClient, maxLogInDelay, reservedHandles);
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
    if (perHandle < 1) {
      throw new IllegalArgumentException("failedLogInsPerHandle must be >= 1, was " + perHandle);
    }
    if (perClient < 1) {
      throw new IllegalArgumentException("failedLogInsPerClient must be >= 1, was " + perClient);
    }
    return new AccountsConfig(passwordHashIterations, sessionIdleTimeout, sessionMaxLifetime,
        sessionCacheExpiry, perHandle, perClient, positive("maxLogInDelay", maxDelay),
        reservedHandles);
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
    Set<String> lower = new TreeSet<>();
    for (String handle : requireNonNull(handles, "reservedHandles")) {
      if (!Rules.isHandle(requireNonNull(handle, "reserved handle"))) {
        throw new IllegalArgumentException(
            "reservedHandles must be valid handles, was \"" + handle + "\"");
      }
      lower.add(Rules.canonicalHandle(handle));
    }
    return new AccountsConfig(passwordHashIterations, sessionIdleTimeout, sessionMaxLifetime,
        sessionCacheExpiry, failedLogInsPerHandle, failedLogInsPerClient, maxLogInDelay,
        Set.copyOf(lower));
  }

  /** The PBKDF2-HMAC-SHA256 iteration count of new password hashes. */
  public int passwordHashIterations() {
    return passwordHashIterations;
  }

  /** How long a session lasts without use. */
  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /** How long a session lasts at most. */
  public Duration sessionMaxLifetime() {
    return sessionMaxLifetime;
  }

  /** How long a cached session is trusted; zero when the cache is off. */
  public Duration sessionCacheExpiry() {
    return sessionCacheExpiry;
  }

  /** Failures of one handle before delays start. */
  public int failedLogInsPerHandle() {
    return failedLogInsPerHandle;
  }

  /** Failures from one client before delays start. */
  public int failedLogInsPerClient() {
    return failedLogInsPerClient;
  }

  /** The longest delay a failed log-in imposes. */
  public Duration maxLogInDelay() {
    return maxLogInDelay;
  }

  /** The reserved handles, lower-case, unmodifiable. */
  public Set<String> reservedHandles() {
    return reservedHandles;
  }

  @Override
  public String toString() {
    return "AccountsConfig[passwordHashIterations=" + passwordHashIterations
        + ", sessionIdleTimeout=" + sessionIdleTimeout
        + ", sessionMaxLifetime=" + sessionMaxLifetime
        + ", sessionCacheExpiry=" + sessionCacheExpiry
        + ", failedLogInsPerHandle=" + failedLogInsPerHandle
        + ", failedLogInsPerClient=" + failedLogInsPerClient
        + ", maxLogInDelay=" + maxLogInDelay
        + ", reservedHandles=" + reservedHandles.size() + "]";
  }

  private static Duration positive(String name, Duration value) {
    requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
    return value;
  }
}
