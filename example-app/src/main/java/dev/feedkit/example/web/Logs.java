package dev.feedkit.example.web;

/**
 * Makes what a client sent safe to log: one line, printable ASCII only, bounded in length. Every
 * value from a request (a path, a header, an exception message that may quote a body) goes
 * through {@link #escape} before it reaches a log, so that no client can forge a log line or
 * hide one behind terminal escapes.
 */
final class Logs {

  /** Longer values are cut: a log line describes a request, it does not copy it. */
  static final int MAX_LENGTH = 200;

  private Logs() {}

  /**
   * {@code value} with every character outside printable ASCII written as {@code \\uXXXX} (and a
   * backslash as {@code \\\\}), cut to {@link #MAX_LENGTH} characters; {@code "-"} for null.
   */
  static String escape(String value) {
    if (value == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 8);
    for (int i = 0; i < value.length(); i++) {
      if (out.length() >= MAX_LENGTH) {
        return out.append("…(").append(value.length()).append(" chars)").toString();
      }
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  /**
   * A stand-in for {@code failure} to hand to a logger: the same class names and stack frames, its
   * messages (and its causes') escaped, since a message may quote what a client sent.
   */
  static Throwable escaped(Throwable failure) {
    return escaped(failure, 0);
  }

  private static Throwable escaped(Throwable failure, int depth) {
    Throwable cause = failure.getCause();
    EscapedFailure copy =
        new EscapedFailure(
            failure.getClass().getName() + ": " + escape(failure.getMessage()),
            cause != null && cause != failure && depth < 8 ? escaped(cause, depth + 1) : null);
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  /** A failure described by an escaped message; its {@code toString()} is that message alone. */
  private static final class EscapedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EscapedFailure(String description, Throwable cause) {
      super(description, cause, false, true);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
