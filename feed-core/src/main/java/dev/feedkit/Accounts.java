package dev.feedkit;

import java.util.Optional;

/**
 * Sign-up, log-in and sessions for the users of a {@link Feed}, from {@link Feed#accounts()}.
 *
 * <p>Rules: a handle is 3–30 characters of {@code [A-Za-z0-9_]}, unique without regard to case,
 * and not one of the reserved handles (such as {@code admin}); a password is 8–1024 characters and
 * not equal to the handle, with no composition rules; a display name is 1–50 code points after
 * trimming, without control characters. Passwords are kept only as a salted slow hash; session
 * tokens only as their SHA-256 hash. Failed log-ins are throttled per handle and per client key,
 * and an unknown handle fails exactly like a wrong password.
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
   * Logs in and opens a session.
   *
   * @param handle the handle, in any case
   * @param password the password
   * @param clientKey what identifies the client for throttling, such as its IP address; never
   *     stored beyond the throttling window
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
   * Ends every session of a user.
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
   * @throws InvalidPasswordException if the new password breaks the rules
   */
  void changePassword(String token, String currentPassword, String newPassword);
}
