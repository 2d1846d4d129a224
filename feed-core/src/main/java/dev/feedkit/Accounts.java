package dev.feedkit;

import java.util.Optional;

/**
 * Sign-up, log-in and sessions for the users of a {@link Feed}, from {@link Feed#accounts()}.
 * Options (hashing cost, session lifetimes, throttling, reserved handles) are set with {@link
 * FeedBuilder#accounts(AccountsConfig)}.
 *
 * <h2>Rules</h2>
 *
 * A handle is 3–30 characters of {@code [A-Za-z0-9_]}, unique without regard to case, and not one
 * of the {@linkplain AccountsConfig#reservedHandles() reserved handles} (such as {@code admin}). A
 * password is 8–1024 characters (code points, after Unicode NFKC normalization) and not equal to
 * the handle in any case; there are no composition rules, so spaces, emoji and passphrases are all
 * welcome (NIST SP 800-63B). A display name is 1–50 code points after trimming, without control
 * characters.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Passwords are kept only as a salted slow hash (PBKDF2-HMAC-SHA256, 600,000 iterations by
 *       default) that records its parameters; a hash with older parameters is upgraded at the
 *       user's next good log-in.
 *   <li>A session token is 256 random bits from {@link java.security.SecureRandom}, 43 URL-safe
 *       characters; only its SHA-256 hash is stored. A session ends after a time without use
 *       (each use renews it), after a maximum lifetime, at log-out, or when its user logs out
 *       everywhere or changes their password.
 *   <li>Failed log-ins are throttled per handle and per client key with growing, capped delays;
 *       a client that logged in to a handle before is exempt from that handle's delays, so
 *       guessers cannot lock a user out.
 *   <li>An unknown handle fails exactly like a wrong password: same exception, same message, same
 *       hashing work.
 * </ul>
 *
 * <p>Implementations are safe for use by many threads at once.
 */
public interface Accounts {

  /**
   * Creates a user who can log in.
   *
   * @param handle the handle
   * @param password the password, kept only as a salted slow hash
   * @param displayName the display name
   * @return the new user
   * @throws InvalidHandleException if the handle breaks the rules or is reserved
   * @throws HandleTakenException if another user has the handle, in any case
   * @throws InvalidPasswordException if the password breaks the rules
   * @throws InvalidDisplayNameException if the display name breaks the rules
   */
  User signUp(String handle, String password, String displayName);

  /**
   * Creates a user as {@link #signUp} does and opens a session for them, with one slow hash in
   * all (logging in after signing up would hash the same password a second time). It is not a
   * log-in attempt: no throttle counts it; a host limits sign-ups itself.
   *
   * @param handle the handle
   * @param password the password, kept only as a salted slow hash
   * @param displayName the display name
   * @return a session of the new user
   * @throws InvalidHandleException if the handle breaks the rules or is reserved
   * @throws HandleTakenException if another user has the handle, in any case
   * @throws InvalidPasswordException if the password breaks the rules
   * @throws InvalidDisplayNameException if the display name breaks the rules
   */
  Session signUpAndLogIn(String handle, String password, String displayName);

  /**
   * Logs in and opens a session.
   *
   * @param handle the handle, in any case, with or without a leading {@code @}
   * @param password the password
   * @param clientKey what identifies the client for throttling, such as its IP address; kept only
   *     in memory and only as a keyed hash: for a day after its last failed log-in, and for 30
   *     days after a good log-in (to exempt it from that handle's delays)
   * @return a new session
   * @throws AuthenticationException if the handle is unknown or the password wrong (the same
   *     exception and message for both)
   * @throws TooManyAttemptsException if too many log-ins failed lately for this handle or client
   */
  Session logIn(String handle, String password, String clientKey);

  /**
   * Returns the user a session token belongs to, renewing the session's expiry.
   *
   * @param token a token from {@link Session#token()}; any string is accepted
   * @return the user, or empty if the token is unknown, expired or revoked
   */
  Optional<UserId> authenticate(String token);

  /**
   * Ends one session. Ending an unknown or ended session does nothing.
   *
   * @param token the session's token
   */
  void logOut(String token);

  /**
   * Ends every session of a user. An unknown user has none.
   *
   * @param user the user
   */
  void logOutEverywhere(UserId user);

  /**
   * Changes the password of the session's user and ends all their other sessions.
   *
   * @param token the token of the session making the change; it stays open
   * @param currentPassword the password now in force
   * @param newPassword the new password
   * @throws AuthenticationException if the token is not a live session or the current password
   *     is wrong
   * @throws TooManyAttemptsException if too many log-ins or password checks failed lately for
   *     this user; wrong current passwords count as failed log-ins
   * @throws InvalidPasswordException if the new password breaks the rules
   */
  void changePassword(String token, String currentPassword, String newPassword);
}
