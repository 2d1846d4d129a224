package dev.feedkit.spi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The durable queue of background {@link Job}s: what writes still owe to other timelines.
 *
 * <p>Jobs enter the queue with the write that makes them, in the same atomic step (see the
 * writes of {@link TimelineStore} that take jobs), or alone through {@link #add}. Workers of
 * every feed over the store {@link #claim} jobs under a lease: a claimed job is not handed to
 * anyone else until its lease expires, so that work held by a node that died is taken up by
 * another once its lease runs out. A worker then {@link #complete}s the job, puts it back for a
 * later attempt ({@link #retry}), or gives back what it has not started ({@link #release}).
 * Jobs are idempotent, so a job run twice (a lease that expired while its worker was slow) does
 * no harm.
 *
 * <p>A store that survives a restart keeps its queue as durably as its other rows, so that work
 * queued before a crash is still there after it. In PostgreSQL:
 *
 * <pre>{@code
 * feedkit_jobs (id bigint generated always as identity primary key, kind text, subject bigint,
 *               object bigint, created_at timestamptz, run_at timestamptz,
 *               leased_until timestamptz null, leased_by text null, attempts int)
 * claim:  UPDATE feedkit_jobs SET leased_until = now() + :lease, leased_by = :worker,
 *                attempts = attempts + 1
 *         WHERE id IN (SELECT id FROM feedkit_jobs
 *                      WHERE run_at <= now() AND (leased_until IS NULL OR leased_until < now())
 *                      ORDER BY run_at, id LIMIT :max FOR UPDATE SKIP LOCKED)
 *         RETURNING id, kind, subject, object, attempts
 * }</pre>
 *
 * <p>Lease and retry times are measured by the store's own clock (the database's, for a shared
 * store), so that nodes whose clocks disagree still agree on when a lease has expired.
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface JobQueue {

  /**
   * Adds jobs to run as soon as a worker is free.
   *
   * @param jobs the jobs, possibly empty
   */
  void add(Collection<Job> jobs);

  /**
   * Claims up to {@code max} jobs that are due (their retry time has come) and not leased (never
   * claimed, released, or with a lease that has expired), oldest first, and leases them to
   * {@code worker} for {@code lease}. Each claim counts as an attempt.
   *
   * @param worker who claims, for {@link #release}; any non-empty name unique to the claimer
   * @param max 1 or more
   * @param lease how long the jobs stay the worker's, positive
   * @return the claimed jobs, possibly none
   */
  List<ClaimedJob> claim(String worker, int max, Duration lease);

  /**
   * Removes a job that has run. Removing a job that is already gone does nothing.
   *
   * @param id the job's id
   */
  void complete(long id);

  /**
   * Puts a job whose attempt failed back into the queue, due after {@code delay}, leased to
   * nobody. Its attempts are kept.
   *
   * @param id the job's id
   * @param delay zero or more
   */
  void retry(long id, Duration delay);

  /**
   * Gives back jobs that {@code worker} claimed and did not start, due at once and leased to
   * nobody; the claim that gave them does not count as an attempt. Jobs no longer leased to
   * {@code worker} are left alone.
   *
   * @param worker the worker that claimed them
   * @param ids the jobs' ids
   */
  void release(String worker, Collection<Long> ids);

  /** Returns the largest id given to a job so far, or 0 if none was. */
  long newestId();

  /**
   * Returns whether any job with an id at or below {@code id} has not been completed.
   *
   * @param id a job id, as from {@link #newestId()}
   */
  boolean pendingAtOrBelow(long id);

  /** Returns what the queue holds now. */
  JobQueueStats stats();
}
