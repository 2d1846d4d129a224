package dev.feedkit.jdbc;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import dev.feedkit.spi.Delivery;
import dev.feedkit.spi.TimelineSlice;
import dev.feedkit.spi.TimelineStore;
import java.util.List;

/**
 * Materialized home timelines of a {@link JdbcFeedStore}: not yet stored in PostgreSQL, so only
 * the pull policy runs on this store until their tables arrive.
 */
final class JdbcTimelineStore implements TimelineStore {

  private static UnsupportedOperationException notYet() {
    return new UnsupportedOperationException(
        "materialized timelines are not yet stored in PostgreSQL; use FanoutPolicy.pull()");
  }

  @Override
  public void addOwn(Post post, int cap) {
    throw notYet();
  }

  @Override
  public List<UserId> fanOut(Post post, int cap) {
    throw notYet();
  }

  @Override
  public void backfill(UserId owner, UserId author, int cap) {
    throw notYet();
  }

  @Override
  public List<UserId> backfillFollowers(UserId author, int cap) {
    throw notYet();
  }

  @Override
  public void removeAuthor(UserId owner, UserId author) {
    throw notYet();
  }

  @Override
  public void removePost(Post post) {
    throw notYet();
  }

  @Override
  public TimelineSlice read(UserId owner, long before, long after, int limit) {
    throw notYet();
  }

  @Override
  public Delivery delivery(UserId author) {
    throw notYet();
  }

  @Override
  public boolean changeDelivery(UserId author, Delivery expected, Delivery update) {
    throw notYet();
  }

  @Override
  public List<UserId> followeesMergedOnRead(UserId owner) {
    throw notYet();
  }
}
