package dev.feedkit.memory;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * The store's posts by id: an open-addressing table of posts, probed linearly from a mix of the
 * id's bits and compared by {@code post.id().value()}, so that a look-up reads one slot and the
 * post it finds, which the caller reads anyway, instead of a {@code ConcurrentHashMap}'s bin,
 * node and boxed key.
 *
 * <p>Design: striped into {@value #SEGMENTS} segments by the top bits of the mixed id; writers of
 * a segment hold its monitor, readers take no lock. A segment's slots are one {@code Post[]},
 * published whole through a volatile field and never written again once replaced; slots are
 * written with release and read with acquire semantics, so a reader that finds a post sees it
 * fully built and a reader that starts after a write returns sees it. A delete leaves {@link
 * #GONE} in the slot so that probes for other ids pass it; gone slots count toward the load until
 * the next rebuild, which copies only live posts into a new array at most a third full. Ids are
 * positive; a gone slot is reused by the next insert whose probe passes it.
 */
final class PostIndex {

  private static final int SEGMENTS = 64;
  private static final int SEGMENT_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(SEGMENTS);
  private static final int MIN_CAPACITY = 16;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Post[].class);

  /** A deleted post's slot; compared by identity, never handed out. */
  private static final Post GONE = new Post(new PostId(1), new UserId(1), "", Instant.EPOCH);

  private final Segment[] segments = new Segment[SEGMENTS];

  PostIndex() {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
  }

  /** SplitMix64's finalizer, as the ids' own hash: Snowflake ids differ mostly in high bits. */
  static int mix(long id) {
    long x = id;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    return (int) (x ^ (x >>> 31));
  }

  /** The post with this id, or null. */
  Post get(long id) {
    int hash = mix(id);
    Post[] slots = segments[hash >>> SEGMENT_SHIFT].slots;
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Post post = (Post) SLOT.getAcquire(slots, i);
      if (post == null) {
        return null;
      }
      if (post != GONE && post.id().value() == id) {
        return post;
      }
    }
  }

  /** Adds the post unless its id is present; returns whether it was added. */
  boolean putIfAbsent(Post post) {
    long id = post.id().value();
    int hash = mix(id);
    return segments[hash >>> SEGMENT_SHIFT].putIfAbsent(post, id, hash);
  }

  /** Removes the post with this id; returns it, or null if there was none. */
  Post remove(long id) {
    int hash = mix(id);
    return segments[hash >>> SEGMENT_SHIFT].remove(id, hash);
  }

  /** How many slots the table has, for tests and sizing. */
  int capacity() {
    int capacity = 0;
    for (Segment segment : segments) {
      capacity += segment.slots.length;
    }
    return capacity;
  }

  /** One stripe: its slots, replaced whole on a rebuild, and its counts, under its monitor. */
  private static final class Segment {
    volatile Post[] slots = new Post[MIN_CAPACITY];

    /** Slots holding a post, under this monitor. */
    private int live;

    /** Slots holding a post or GONE, under this monitor. */
    private int used;

    synchronized boolean putIfAbsent(Post post, long id, int hash) {
      Post[] table = slots;
      int mask = table.length - 1;
      int free = -1;
      int i = hash & mask;
      for (Post at; (at = table[i]) != null; i = (i + 1) & mask) {
        if (at == GONE) {
          if (free < 0) {
            free = i;
          }
        } else if (at.id().value() == id) {
          return false;
        }
      }
      if (free < 0) {
        if (2 * (used + 1) > table.length) {
          rebuild(live + 1);
          return putIfAbsent(post, id, hash);
        }
        free = i;
        used++;
      }
      SLOT.setRelease(table, free, post);
      live++;
      return true;
    }

    synchronized Post remove(long id, int hash) {
      Post[] table = slots;
      int mask = table.length - 1;
      for (int i = hash & mask; ; i = (i + 1) & mask) {
        Post at = table[i];
        if (at == null) {
          return null;
        }
        if (at != GONE && at.id().value() == id) {
          SLOT.setRelease(table, i, GONE);
          live--;
          return at;
        }
      }
    }

    /** Copies the live posts into a new table that {@code need} posts fill to at most a third. */
    private void rebuild(int need) {
      int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(3 * need - 1) << 1);
      Post[] old = slots;
      Post[] table = new Post[capacity];
      int mask = capacity - 1;
      for (Post post : old) {
        if (post != null && post != GONE) {
          int i = mix(post.id().value()) & mask;
          while (table[i] != null) {
            i = (i + 1) & mask;
          }
          table[i] = post;
        }
      }
      used = live;
      slots = table; // the volatile write publishes the filled table
    }
  }
}
