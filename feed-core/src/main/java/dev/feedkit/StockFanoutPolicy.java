package dev.feedkit;

/**
 * The policies behind {@link FanoutPolicy}'s factories.
 *
 * @param kind which policy
 * @param threshold the hybrid threshold; unused by the others
 */
record StockFanoutPolicy(Kind kind, int threshold) implements FanoutPolicy {

  static final StockFanoutPolicy PULL = new StockFanoutPolicy(Kind.PULL, 0);
  static final StockFanoutPolicy PUSH = new StockFanoutPolicy(Kind.PUSH, 0);

  enum Kind {
    PULL,
    PUSH,
    HYBRID
  }

  @Override
  public boolean materializes() {
    return kind != Kind.PULL;
  }

  @Override
  public boolean pushes(long followers) {
    return switch (kind) {
      case PULL -> false;
      case PUSH -> true;
      case HYBRID -> followers < threshold;
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case PULL -> "pull";
      case PUSH -> "push";
      case HYBRID -> "hybrid(" + threshold + ")";
    };
  }
}
