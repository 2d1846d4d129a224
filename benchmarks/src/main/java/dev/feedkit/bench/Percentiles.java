package dev.feedkit.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of durations in nanoseconds, by the nearest-rank method. */
final class Percentiles {

  private final long[] sorted;

  Percentiles(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  /** The sample at or below which {@code p} percent of them lie, in milliseconds. */
  double millis(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  double maxMillis() {
    return sorted[sorted.length - 1] / 1e6;
  }

  static String ms(double millis) {
    if (millis >= 100) {
      return String.format(Locale.ROOT, "%,.0f", millis);
    }
    if (millis >= 10) {
      return String.format(Locale.ROOT, "%.1f", millis);
    }
    if (millis >= 1) {
      return String.format(Locale.ROOT, "%.2f", millis);
    }
    return String.format(Locale.ROOT, "%.3f", millis);
  }
}
