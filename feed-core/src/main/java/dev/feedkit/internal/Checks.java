package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Function;

/**
 * The range checks of feed-core's options and values, so that every one of them fails alike:
 * {@code IllegalArgumentException} with the message {@code "<name> must be <rule>, was <value>"}
 * (for example {@code "timelineCap must be between 1 and 100000, was 0"}), and a {@code
 * NullPointerException} with the bare name for a missing duration. Each check returns its value, so
 * that a field can be checked where it is assigned.
 *
 * <p>Where a public method documents another exception for a bad value (a {@code
 * ValidationException} for input that comes from clients, such as a page request), the check
 * takes that exception's constructor and fails with it, with the same message.
 *
 * <p>Input rules with messages for the people who typed the input (handles, passwords, post
 * texts) are not range checks: they stay with {@link Rules} and {@link PasswordRules}.
 */
public final class Checks {

  private static final Function<String, IllegalArgumentException> ARGUMENT =
      IllegalArgumentException::new;

  private Checks() {}

  /**
   * Returns {@code value} if it is above zero.
   *
   * @throws IllegalArgumentException "{@code <name> must be > 0, was <value>}" otherwise
   */
  public static int positive(String name, int value) {
    positive(name, (long) value);
    return value;
  }

  /**
   * Returns {@code value} if it is above zero.
   *
   * @throws IllegalArgumentException "{@code <name> must be > 0, was <value>}" otherwise
   */
  public static long positive(String name, long value) {
    return positive(name, value, ARGUMENT);
  }

  /**
   * Returns {@code value} if it is above zero.
   *
   * @param failure makes the exception from the message "{@code <name> must be > 0, was
   *     <value>}"
   * @throws X otherwise
   */
  public static <X extends RuntimeException> long positive(
      String name, long value, Function<String, X> failure) {
    if (value <= 0) {
      throw failure.apply(message(name, "> 0", value));
    }
    return value;
  }

  /**
   * Returns {@code value} if it is zero or above.
   *
   * @throws IllegalArgumentException "{@code <name> must be >= 0, was <value>}" otherwise
   */
  public static long notNegative(String name, long value) {
    return notNegative(name, value, ARGUMENT);
  }

  /**
   * Returns {@code value} if it is zero or above.
   *
   * @param failure makes the exception from the message "{@code <name> must be >= 0, was
   *     <value>}"
   * @throws X otherwise
   */
  public static <X extends RuntimeException> long notNegative(
      String name, long value, Function<String, X> failure) {
    if (value < 0) {
      throw failure.apply(message(name, ">= 0", value));
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at least {@code min}.
   *
   * @throws IllegalArgumentException "{@code <name> must be >= <min>, was <value>}" otherwise
   */
  public static int atLeast(String name, int min, int value) {
    atLeast(name, (long) min, (long) value);
    return value;
  }

  /**
   * Returns {@code value} if it is at least {@code min}.
   *
   * @throws IllegalArgumentException "{@code <name> must be >= <min>, was <value>}" otherwise
   */
  public static long atLeast(String name, long min, long value) {
    if (value < min) {
      throw failure(name, ">= " + min, value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at least {@code min}, a count of {@code unit}.
   *
   * @throws IllegalArgumentException "{@code <name> must be >= <min> <unit>, was <value>}"
   *     otherwise
   */
  public static long atLeast(String name, long min, String unit, long value) {
    if (value < min) {
      throw failure(name, ">= " + min + " " + unit, value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at most {@code max}.
   *
   * @throws IllegalArgumentException "{@code <name> must be <= <max>, was <value>}" otherwise
   */
  public static int atMost(String name, int max, int value) {
    if (value > max) {
      throw failure(name, "<= " + max, value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is between {@code min} and {@code max}, both included.
   *
   * @throws IllegalArgumentException "{@code <name> must be between <min> and <max>, was
   *     <value>}" otherwise
   */
  public static int between(String name, int min, int max, int value) {
    between(name, (long) min, (long) max, (long) value);
    return value;
  }

  /**
   * Returns {@code value} if it is between {@code min} and {@code max}, both included.
   *
   * @throws IllegalArgumentException "{@code <name> must be between <min> and <max>, was
   *     <value>}" otherwise
   */
  public static long between(String name, long min, long max, long value) {
    return between(name, min, max, value, ARGUMENT);
  }

  /**
   * Returns {@code value} if it is between {@code min} and {@code max}, both included.
   *
   * @param failure makes the exception from the message "{@code <name> must be between <min> and
   *     <max>, was <value>}"
   * @throws X otherwise
   */
  public static <X extends RuntimeException> long between(
      String name, long min, long max, long value, Function<String, X> failure) {
    if (value < min || value > max) {
      throw failure.apply(message(name, "between " + min + " and " + max, value));
    }
    return value;
  }

  /**
   * Returns {@code value} if it is longer than zero.
   *
   * @throws NullPointerException "{@code <name>}" if {@code value} is null
   * @throws IllegalArgumentException "{@code <name> must be > 0, was <value>}" otherwise
   */
  public static Duration positive(String name, Duration value) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw failure(name, "> 0", value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is zero or longer.
   *
   * @throws NullPointerException "{@code <name>}" if {@code value} is null
   * @throws IllegalArgumentException "{@code <name> must be >= 0, was <value>}" otherwise
   */
  public static Duration notNegative(String name, Duration value) {
    requireNonNull(value, name);
    if (value.isNegative()) {
      throw failure(name, ">= 0", value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at least as long as {@code min}, the value of the option
   * {@code minName}.
   *
   * @throws NullPointerException "{@code <name>}" if {@code value} is null
   * @throws IllegalArgumentException "{@code <name> must be >= <minName> (<min>), was <value>}"
   *     otherwise
   */
  public static Duration atLeast(String name, String minName, Duration min, Duration value) {
    requireNonNull(value, name);
    if (value.compareTo(min) < 0) {
      throw failure(name, ">= " + minName + " (" + min + ")", value);
    }
    return value;
  }

  private static IllegalArgumentException failure(String name, String rule, Object value) {
    return ARGUMENT.apply(message(name, rule, value));
  }

  private static String message(String name, String rule, Object value) {
    return name + " must be " + rule + ", was " + value;
  }
}
