package dev.feedkit.bench;

import dev.feedkit.Post;

/**
 * The floor's post index: an open-addressing table from a post id to its post, with a mixing hash
 * (SplitMix64's finalizer) and linear probing. It is the least work a look-up by id needs, so the
 * floor of a home read is "copy the page's ids, find each post here".
 */
final class LongPostMap {

  private final long[] keys;
  private final Post[] values;
  private final int mask;

  LongPostMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    values = new Post[capacity];
    mask = capacity - 1;
  }

  static int mix(long x) {
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return (int) (x ^ (x >>> 31));
  }

  void put(Post post) {
    long id = post.id().value();
    int i = mix(id) & mask;
    while (keys[i] != 0 && keys[i] != id) {
      i = (i + 1) & mask;
    }
    keys[i] = id;
    values[i] = post;
  }

  Post get(long id) {
    int i = mix(id) & mask;
    while (keys[i] != 0) {
      if (keys[i] == id) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }
}
