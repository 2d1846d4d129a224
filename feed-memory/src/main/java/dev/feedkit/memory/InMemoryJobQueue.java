package dev.feedkit.memory;

import dev.feedkit.spi.ClaimedJob;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.JobQueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The job queue of an {@link InMemoryFeedStore}: as durable as the rest of the store, which is to
 * say for the life of the process, and shared by every feed over the store.
 *
 * <p>Design: one monitor guards it all; every call is a few map operations, far cheaper than the
 * jobs themselves. Jobs are kept by id; those ready to claim are also kept in a set ordered by
 * due time, then id, so a claim takes the first; claimed ones sit in a map of leases, which a
 * claim first sweeps for expired leases. Times come from {@link System#nanoTime()}, immune to
 * changes of the wall clock.
 */
final class InMemoryJobQueue implements JobQueue {

  private final LongSupplier nanos;
  private final TreeMap<Long, Entry> jobs = new TreeMap<>();
  private final TreeSet<Entry> ready =
      new TreeSet<>(Comparator.comparingLong((Entry e) -> e.due).thenComparingLong(e -> e.id));
  private final Map<Long, Entry> leased = new HashMap<>();
  private long lastId;

  InMemoryJobQueue() {
    this(System::nanoTime);
  }

  InMemoryJobQueue(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** One queued job and its state; guarded by the queue's monitor. */
  private static final class Entry {
    final long id;
    final Job job;
    final Instant created;
    long due;
    int attempts;
    String worker;
    long leasedUntil;

    Entry(long id, Job job, Instant created, long due) {
      this.id = id;
      this.job = job;
      this.created = created;
      this.due = due;
    }
  }

  @Override
  public synchronized void add(Collection<Job> more) {
    long now = nanos.getAsLong();
    Instant created = Instant.now();
    for (Job job : more) {
      Entry entry = new Entry(++lastId, job, created, now);
      jobs.put(entry.id, entry);
      ready.add(entry);
    }
  }

  @Override
  public synchronized List<ClaimedJob> claim(String worker, int max, Duration lease) {
    long now = nanos.getAsLong();
    for (Iterator<Entry> it = leased.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.leasedUntil - now < 0) {
        it.remove();
        entry.worker = null;
        ready.add(entry);
      }
    }
    List<ClaimedJob> claimed = new ArrayList<>(Math.min(max, 16));
    while (claimed.size() < max && !ready.isEmpty() && ready.first().due - now <= 0) {
      Entry entry = ready.pollFirst();
      entry.attempts++;
      entry.worker = worker;
      entry.leasedUntil = now + lease.toNanos();
      leased.put(entry.id, entry);
      claimed.add(new ClaimedJob(entry.id, entry.job, entry.attempts));
    }
    return claimed;
  }

  @Override
  public synchronized void complete(long id) {
    Entry entry = jobs.remove(id);
    if (entry != null) {
      leased.remove(id);
      ready.remove(entry);
    }
  }

  @Override
  public synchronized void retry(long id, Duration delay) {
    Entry entry = jobs.get(id);
    if (entry != null) {
      leased.remove(id);
      ready.remove(entry);
      entry.worker = null;
      entry.due = nanos.getAsLong() + delay.toNanos();
      ready.add(entry);
    }
  }

  @Override
  public synchronized void release(String worker, Collection<Long> ids) {
    long now = nanos.getAsLong();
    for (long id : ids) {
      Entry entry = leased.get(id);
      if (entry != null && worker.equals(entry.worker)) {
        leased.remove(id);
        entry.worker = null;
        entry.attempts--;
        entry.due = now;
        ready.add(entry);
      }
    }
  }

  @Override
  public synchronized long newestId() {
    return lastId;
  }

  @Override
  public synchronized boolean pendingAtOrBelow(long id) {
    return !jobs.isEmpty() && jobs.firstKey() <= id;
  }

  @Override
  public synchronized JobQueueStats stats() {
    long now = nanos.getAsLong();
    long live = leased.values().stream().filter(e -> e.leasedUntil - now >= 0).count();
    // Jobs get ids in the order they are added, so the first by id is the oldest.
    Optional<Instant> oldest =
        jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.firstEntry().getValue().created);
    return new JobQueueStats(jobs.size(), live, oldest);
  }
}
