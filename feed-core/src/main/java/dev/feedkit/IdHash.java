package dev.feedkit;

/**
 * The hash of {@link PostId} and {@link UserId}: the id's bits mixed by SplitMix64's finalizer,
 * not {@link Long#hashCode}. Snowflake ids made a millisecond or more apart differ mostly in high
 * bits, which {@code Long.hashCode} folds onto a few thousand distinct low bits, so a hash table
 * of a million of them would chain in a small fraction of its buckets.
 */
final class IdHash {

  private IdHash() {}

  static int of(long value) {
    long x = value;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return (int) (x ^ (x >>> 31));
  }
}
