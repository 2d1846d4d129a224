package dev.feedkit.internal;

import dev.feedkit.UserId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Change stamps that tell whether a cached home-timeline page is still right, without the writer
 * having to find the pages it made stale (a post by a pulled author changes the pages of all their
 * followers, whom nobody enumerates).
 *
 * <p>Design: one counter gives out stamps. A write first changes the store, then stamps what it
 * changed with a fresh stamp: an author (their post list changed), an owner (their materialized
 * timeline or follows changed), or everything (an author's delivery changed). A reader takes
 * {@link #now()} <em>before</em> computing a page and keeps it with the page; the page is still
 * right while nothing it depends on has a larger stamp. A write that lands during the computation
 * stamps after the reader's {@code now()}, so the page is dropped, never kept stale; one that
 * landed before it is in the page.
 *
 * <p>Authors and owners are hashed into fixed tables of slots, so memory is bounded whatever the
 * number of users; two ids sharing a slot only cost a needless recomputation. Slots keep the
 * largest stamp written to them, so racing writers cannot move a slot back.
 *
 * <p>Purely local: {@link Changes} moves them for this feed's writes and, with a fresh local stamp,
 * for another node's once that node's write is visible, so a page computed here before the news
 * arrived is dropped just as for a local write.
 */
final class Stamps {

  /** The table size of a feed that caches pages: 2^16 slots each for authors and owners. */
  static final int SLOT_BITS = 16;

  private final int slotBits;
  private final AtomicLong clock = new AtomicLong();
  private final AtomicLongArray authors;
  private final AtomicLongArray owners;
  private final AtomicLong everything = new AtomicLong();

  /**
   * Creates stamps with {@code 2^slotBits} slots per table; 0 bits (one slot) suits a feed that
   * caches nothing, where the stamps are moved but never read.
   */
  Stamps(int slotBits) {
    this.slotBits = Checks.between("slotBits", 0, 24, slotBits);
    this.authors = new AtomicLongArray(1 << slotBits);
    this.owners = new AtomicLongArray(1 << slotBits);
  }

  /** The stamp to keep with a page computed from now on. */
  long now() {
    return clock.get();
  }

  /** The posts of {@code author} changed: a post was added or deleted. */
  void authorChanged(UserId author) {
    authors.accumulateAndGet(slot(author.value()), clock.incrementAndGet(), Math::max);
  }

  /** The posts of the authors with these ids changed. */
  void authorsChanged(List<Long> ids) {
    mark(authors, ids);
  }

  /** The materialized timelines or the follows of the owners with these ids changed. */
  void ownersChanged(List<Long> ids) {
    mark(owners, ids);
  }

  /** Anything may have changed, such as which authors are merged at read time. */
  void everythingChanged() {
    everything.accumulateAndGet(clock.incrementAndGet(), Math::max);
  }

  private void mark(AtomicLongArray table, List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    long stamp = clock.incrementAndGet();
    for (long id : ids) {
      table.accumulateAndGet(slot(id), stamp, Math::max);
    }
  }

  /**
   * Whether nothing a page depends on changed after {@code stamp}.
   *
   * @param stamp the value of {@link #now()} taken before the page was computed
   * @param owner whose home timeline the page is
   * @param dependencies the authors whose changes would change the page
   */
  boolean unchangedSince(long stamp, UserId owner, UserId[] dependencies) {
    if (everything.get() > stamp || owners.get(slot(owner.value())) > stamp) {
      return false;
    }
    for (UserId author : dependencies) {
      if (authors.get(slot(author.value())) > stamp) {
        return false;
      }
    }
    return true;
  }

  private int slot(long id) {
    if (slotBits == 0) {
      return 0;
    }
    return (int) ((id * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - slotBits));
  }
}
