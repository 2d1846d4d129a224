package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.Feed;
import dev.feedkit.InvalidDisplayNameException;
import dev.feedkit.InvalidHandleException;
import dev.feedkit.InvalidIdempotencyKeyException;
import dev.feedkit.InvalidPostException;
import dev.feedkit.TooManyIdsException;
import dev.feedkit.UserId;
import dev.feedkit.spi.Handles;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documented input rules for handles, display names, post texts and batches of ids, checked in
 * one place.
 */
public final class Rules {

  /** Fewest characters in a handle. */
  public static final int HANDLE_MIN = 3;

  /** Most characters in a handle. */
  public static final int HANDLE_MAX = 30;

  /** Most code points in a display name. */
  public static final int DISPLAY_NAME_MAX = 50;

  /** Most code points in a post. */
  public static final int POST_MAX = 280;

  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{3,30}");
  private static final Pattern HANDLE_PREFIX = Pattern.compile("[a-z0-9_]{0,30}");

  private Rules() {}

  /**
   * Returns the handle if it is valid.
   *
   * @throws InvalidHandleException if it is not 3–30 characters of {@code [A-Za-z0-9_]}
   */
  public static String handle(String handle) {
    if (!HANDLE.matcher(handle).matches()) {
      throw new InvalidHandleException(
          "a handle must be "
              + HANDLE_MIN
              + "–"
              + HANDLE_MAX
              + " characters of letters A–Z, digits and underscores, was \""
              + abbreviate(handle)
              + "\"");
    }
    return handle;
  }

  /** Whether {@code handle} is a valid handle; lookups of anything else find nobody. */
  public static boolean isHandle(String handle) {
    return HANDLE.matcher(handle).matches();
  }

  /** Returns {@code handle} without one leading {@code @}, as people often type handles. */
  public static String withoutAt(String handle) {
    return handle.startsWith("@") ? handle.substring(1) : handle;
  }

  /** Returns the form handles are compared and indexed in. */
  public static String canonicalHandle(String handle) {
    return Handles.canonical(handle);
  }

  /**
   * Returns the lower-case search prefix for user input, without a leading {@code @}, or empty if
   * no handle could start with it.
   */
  public static Optional<String> handlePrefix(String prefix) {
    String p = canonicalHandle(withoutAt(prefix.strip()));
    return HANDLE_PREFIX.matcher(p).matches() ? Optional.of(p) : Optional.empty();
  }

  /**
   * Returns the display name, normalized (NFC, stripped), if it is valid.
   *
   * @throws InvalidDisplayNameException if it is not 1–50 code points or has a control character
   */
  public static String displayName(String displayName) {
    String name = normalize(displayName);
    int length = name.codePointCount(0, name.length());
    if (length == 0 || length > DISPLAY_NAME_MAX) {
      throw new InvalidDisplayNameException(
          "a display name must be 1–" + DISPLAY_NAME_MAX + " characters, was " + length);
    }
    if (name.codePoints().anyMatch(Rules::isForbidden)) {
      throw new InvalidDisplayNameException(
          "a display name must not contain control characters or line breaks");
    }
    return name;
  }

  /**
   * Checks an idempotency key and returns the SHA-256 of its UTF-8 bytes in hex, the only form a
   * store sees.
   *
   * @throws InvalidIdempotencyKeyException if it is empty, too long, or has a control character
   */
  public static String idempotencyKeyHash(String key) {
    if (key.isEmpty() || key.length() > Feed.MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new InvalidIdempotencyKeyException(
          "an idempotency key must be 1 to "
              + Feed.MAX_IDEMPOTENCY_KEY_LENGTH
              + " characters, was "
              + key.length());
    }
    if (key.codePoints().anyMatch(Rules::isForbidden)) {
      // A lone surrogate has no UTF-8 form: two different ones would hash alike.
      throw new InvalidIdempotencyKeyException(
          "an idempotency key must not hold control characters or lone surrogates");
    }
    return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the post text normalized (line breaks to {@code \n}, NFC, stripped), if it is valid.
   *
   * @throws InvalidPostException if it is empty, longer than 280 code points, or has a control
   *     character other than newline
   */
  public static String postText(String text) {
    String body = normalize(text);
    int length = body.codePointCount(0, body.length());
    if (length == 0) {
      throw new InvalidPostException("a post must not be empty");
    }
    if (length > POST_MAX) {
      throw new InvalidPostException(
          "a post must be at most " + POST_MAX + " characters, was " + length);
    }
    if (body.codePoints().anyMatch(c -> c != '\n' && isForbidden(c))) {
      throw new InvalidPostException(
          "a post must not contain control characters other than line breaks");
    }
    return body;
  }

  /**
   * Returns the distinct ids of a batch read, in the order they first appear.
   *
   * @throws NullPointerException if {@code ids} or an element is null
   * @throws TooManyIdsException if there are more than {@code max} distinct ids
   */
  public static Set<UserId> batch(Collection<UserId> ids, int max) {
    Set<UserId> distinct = new LinkedHashSet<>();
    for (UserId id : requireNonNull(ids, "ids")) {
      distinct.add(requireNonNull(id, "an id in ids"));
      if (distinct.size() > max) {
        throw new TooManyIdsException(
            "at most "
                + max
                + " distinct ids can be read at once, were more ("
                + ids.size()
                + " given)");
      }
    }
    return distinct;
  }

  private static String normalize(String text) {
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    return Normalizer.normalize(unified, Normalizer.Form.NFC).strip();
  }

  /** Control characters, and lone surrogates, which no database can store as text. */
  private static boolean isForbidden(int codePoint) {
    return Character.isISOControl(codePoint)
        || Character.getType(codePoint) == Character.CONTROL
        || Character.isSurrogate((char) codePoint) && codePoint <= Character.MAX_VALUE;
  }

  private static String abbreviate(String s) {
    String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    StringBuilder out = new StringBuilder(shown.length());
    shown
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
