package dev.feedkit.jdbc;

import dev.feedkit.spi.ClaimedJob;
import dev.feedkit.spi.Job;
import dev.feedkit.spi.JobQueue;
import dev.feedkit.spi.JobQueueStats;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The job queue of a {@link JdbcFeedStore}, in {@code feedkit_jobs}.
 *
 * <p>Design: a claim is one statement, {@code FOR UPDATE SKIP LOCKED} over the due jobs in due
 * order, so workers of many nodes take different jobs without waiting for each other, and a job
 * whose lease has expired is as claimable as a new one. Leases and retry times use the
 * database's {@code now()}, never a node's clock. Jobs that belong to a write are inserted by that
 * write's own statement ({@link JdbcTimelineStore}); {@link #add} is for jobs alone.
 *
 * <p>Safe for use by many threads at once: every call is one statement.
 */
final class JdbcJobQueue implements JobQueue {

  private static final String ADD = sql("add");
  private static final String CLAIM = sql("claim");
  private static final String COMPLETE = sql("complete");
  private static final String RETRY = sql("retry");
  private static final String RELEASE = sql("release");
  private static final String NEWEST_ID = sql("newestId");
  private static final String PENDING_AT_OR_BELOW = sql("pendingAtOrBelow");
  private static final String STATS = sql("stats");

  private final Database db;

  JdbcJobQueue(Database db) {
    this.db = db;
  }

  private static String sql(String name) {
    return Database.sql(JdbcJobQueue.class, name);
  }

  /** Binds {@code jobs} as the arrays {@code :kinds}, {@code :subjects} and {@code :objects}. */
  static <S extends SqlStatement<S>> S bindJobs(S statement, Collection<Job> jobs) {
    String[] kinds = new String[jobs.size()];
    long[] subjects = new long[jobs.size()];
    long[] objects = new long[jobs.size()];
    int i = 0;
    for (Job job : jobs) {
      kinds[i] = job.kind().name();
      subjects[i] = job.subject();
      objects[i] = job.object();
      i++;
    }
    return statement.bind("kinds", kinds).bind("subjects", subjects).bind("objects", objects);
  }

  @Override
  public void add(Collection<Job> jobs) {
    if (!jobs.isEmpty()) {
      db.update("queue background jobs", h -> add(h, jobs), state -> null);
    }
  }

  /** Queues {@code jobs} through {@code h}, inside whatever transaction it is in; none is fine. */
  static int add(Handle h, Collection<Job> jobs) {
    return jobs.isEmpty() ? 0 : bindJobs(h.createUpdate(ADD), jobs).execute();
  }

  @Override
  public List<ClaimedJob> claim(String worker, int max, Duration lease) {
    return db.update(
        "claim background jobs",
        h ->
            h.createQuery(CLAIM)
                .bind("worker", worker)
                .bind("max", max)
                .bind("leaseMillis", Math.max(1, lease.toMillis()))
                .map(
                    (rs, ctx) ->
                        new ClaimedJob(
                            rs.getLong("id"),
                            new Job(
                                Job.Kind.valueOf(rs.getString("kind")),
                                rs.getLong("subject"),
                                rs.getLong("object")),
                            rs.getInt("attempts")))
                .list(),
        state -> null);
  }

  @Override
  public void complete(long id) {
    db.update(
        "remove a finished background job",
        h -> h.createUpdate(COMPLETE).bind("id", id).execute(),
        state -> null);
  }

  @Override
  public void retry(long id, Duration delay) {
    db.update(
        "put a failed background job back",
        h ->
            h.createUpdate(RETRY)
                .bind("id", id)
                .bind("delayMillis", Math.max(0, delay.toMillis()))
                .execute(),
        state -> null);
  }

  @Override
  public void release(String worker, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    long[] array = ids.stream().mapToLong(Long::longValue).toArray();
    db.update(
        "give back background jobs",
        h -> h.createUpdate(RELEASE).bind("ids", array).bind("worker", worker).execute(),
        state -> null);
  }

  @Override
  public long newestId() {
    return db.read(
        "read the newest background job", h -> h.createQuery(NEWEST_ID).mapTo(Long.class).one());
  }

  @Override
  public boolean pendingAtOrBelow(long id) {
    return db.read(
        "look for pending background jobs",
        h -> h.createQuery(PENDING_AT_OR_BELOW).bind("id", id).mapTo(Boolean.class).one());
  }

  @Override
  public JobQueueStats stats() {
    return db.read(
        "count background jobs",
        h ->
            h.createQuery(STATS)
                .map(
                    (rs, ctx) -> {
                      Timestamp oldest = rs.getTimestamp("oldest");
                      return new JobQueueStats(
                          rs.getLong("pending"),
                          rs.getLong("leased"),
                          Optional.ofNullable(oldest).map(Timestamp::toInstant));
                    })
                .one());
  }
}
