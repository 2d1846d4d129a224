package dev.feedkit.spi;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Materialized home timelines, kept by the push and hybrid fan-out policies (the pull policy never
 * calls this interface): for each owner, a capped list of the posts that belong on the owner's
 * home timeline; for each author, how their posts reach followers ({@link Delivery}).
 *
 * <h2>Entries</h2>
 *
 * An entry is a pair (owner, post id), at most one per (owner, post): adding an entry that
 * exists does nothing, so every write here is idempotent and may be retried. Entries are only
 * candidates: {@link #read} returns the post of an entry only while the post exists and its author
 * is the owner or someone the owner follows at the time of the read. Entries that fail this test
 * may linger (a delete or an unfollow racing a fan-out can leave them); a store removes them when
 * told to, and may remove them whenever it likes.
 *
 * <h2>The horizon</h2>
 *
 * Each owner has a <em>horizon</em>, a post id, 0 until raised; it never decreases. The engine
 * relies on one promise, <em>completeness above the horizon</em>: if the engine made the calls
 * below for a post P, whose id is above the owner's horizon, whose author is the owner, or someone
 * the owner follows whose delivery {@linkplain Delivery#pushes() pushes}, then the owner's timeline
 * has an entry for P. At or below the horizon the store promises nothing, and the engine answers
 * from the authors' own post lists instead. Whenever a store removes an entry for any reason other
 * than {@link #removeAuthor} and {@link #removePost}, it must first (or in the same transaction)
 * raise the owner's horizon to at least that entry's post id.
 *
 * <h2>The cap</h2>
 *
 * Each write names the cap: how many entries the engine wants kept per owner (800 by default).
 * A store keeps about that many, the newest: when it trims, it removes the oldest entries and
 * raises the horizon past them, as above. It may trim at once (the in-memory store does) or let a
 * timeline grow past the cap for a while and trim in batches (cheaper in a database). Entries at
 * or below the horizon are dead weight and may be removed at any time.
 *
 * <h2>PostgreSQL</h2>
 *
 * The intended schema, each table distributed by its first column:
 *
 * <pre>{@code
 * home_timeline     (owner_id bigint, post_id bigint,
 *                    primary key (owner_id, post_id))   -- reads: owner_id = ? and post_id < ? ...
 *                   index (post_id)                      -- removePost
 * timeline_owners   (owner_id bigint primary key, horizon bigint not null default 0)
 *                                                        -- a missing row means horizon 0
 * fanout_authors    (author_id bigint primary key, delivery text not null)
 *                                                        -- PULL or BOTH; a missing row means PUSH
 * }</pre>
 *
 * Fan-out is one set-based statement per post, never a loop of inserts (see {@link #fanOut}).
 * {@link #backfill} and {@link #removeAuthor} for one owner must not interleave: both lock the
 * owner's {@code timeline_owners} row ({@code INSERT ... ON CONFLICT DO NOTHING}, then {@code
 * SELECT ... FOR UPDATE}) before their statement, in one transaction.
 *
 * <p>Implementations are safe for use by many threads at once; see {@link FeedStore} for what every
 * call promises.
 */
public interface TimelineStore {

  /**
   * Stores a new post, adds it to its author's own timeline (trimming that to about {@code cap})
   * and adds {@code jobs} to the {@link FeedStore#jobs() job queue}, all in one atomic step: if
   * the call fails, none of it happened; if it returns, all of it is as durable as the store. This
   * is what makes a post "acknowledged": its author sees it at once, and what it owes to its
   * followers is stored with it. In PostgreSQL, one statement:
   *
   * <pre>{@code
   * WITH added AS (INSERT INTO posts ... RETURNING author_id, id),
   *      own AS (INSERT INTO home_timeline SELECT author_id, id FROM added),
   *      queued AS (INSERT INTO jobs (kind, subject, object) SELECT ... FROM unnest(...))
   * UPDATE user_counts SET posts = posts + 1 FROM added ...
   * RETURNING (SELECT delivery FROM fanout_authors WHERE author_id = ...)
   * }</pre>
   *
   * <p>Returns the author's {@link #delivery}, read in the same step or after it, so that the
   * engine learns whether readers merge the author's posts without another call. (A delivery
   * that changes meanwhile is the engine's to handle: the post's fan-out job reads it again.)
   *
   * @param post the post; its id is new
   * @param cap the cap, at least 1
   * @param jobs the work the post leaves for later, possibly none
   * @return the author's delivery
   * @throws dev.feedkit.NoSuchUserException if the author does not exist
   */
  default Delivery insertPost(Post post, int cap, List<Job> jobs) {
    return insertPost(post, Optional.empty(), cap, jobs);
  }

  /**
   * {@link #insertPost(Post, int, List)} under an idempotency key, as {@link
   * PostStore#insert(Post, Optional)} takes it: if the author already has a post under the key,
   * nothing is stored and {@link PostKeyTakenException} says which post it is.
   *
   * @param post the post; its id is new
   * @param keyHash the SHA-256 of the post's idempotency key in hex, if it has one
   * @param cap the cap, at least 1
   * @param jobs the work the post leaves for later, possibly none
   * @return the author's delivery
   * @throws dev.feedkit.NoSuchUserException if the author does not exist
   * @throws PostKeyTakenException if the author has a post under {@code keyHash}
   */
  Delivery insertPost(Post post, Optional<String> keyHash, int cap, List<Job> jobs);

  /**
   * Deletes a post, as {@link PostStore#delete} does, and adds {@code jobs} to the job queue, in
   * one atomic step. If the post does not exist, nothing changes and no job is added.
   *
   * @param post the post's id
   * @param jobs the clean-up the delete leaves for later, possibly none
   * @return whether the post existed
   */
  boolean deletePost(PostId post, List<Job> jobs);

  /**
   * Makes a follow, as {@link FollowStore#insert} does, then, unless the followee's {@link
   * #delivery} is {@link Delivery#PULL}, does what {@link #backfill} does for the pair, and adds
   * {@code jobs} to the job queue: all in one atomic step, so that the follower's timeline holds
   * the followee's recent posts as soon as the call returns, and a failed call leaves neither the
   * follow nor its counts. If the pair exists, nothing changes and no job is added.
   *
   * <p>The delivery is read so that a concurrent {@link #changeDelivery} from {@link
   * Delivery#PULL} is ordered after the follow (in PostgreSQL: the author's delivery row is read
   * {@code FOR SHARE}): either this call sees the new delivery and backfills, or the change, and
   * the {@link #backfillFollowers} that follows it, see this follow.
   *
   * @param follow the follow; its id is new
   * @param cap the cap, at least 1
   * @param jobs the work the follow leaves for later, possibly none
   * @return whether the follow was made (false if it existed)
   * @throws dev.feedkit.NoSuchUserException if either user does not exist
   */
  boolean insertFollow(Follow follow, int cap, List<Job> jobs);

  /**
   * Ends a follow, as {@link FollowStore#delete} does, and adds {@code jobs} to the job queue,
   * in one atomic step. If there was no such follow, nothing changes and no job is added. A store
   * that removes the followee's entries from the follower's timeline in this step may leave out
   * the {@link Job.Kind#REMOVE_AUTHOR} job for the pair, which would find nothing left to do.
   *
   * @param follower the follower
   * @param followee the followee
   * @param jobs the clean-up the unfollow leaves for later, possibly none
   * @return whether the follow existed
   */
  boolean deleteFollow(UserId follower, UserId followee, List<Job> jobs);

  /**
   * Push fan-out: adds the post to the timeline of every user who follows its author at the time
   * of the call, trimming those timelines to about {@code cap}, and returns who they were. Called
   * from a {@link Job.Kind#FAN_OUT} job, possibly more than once for one post (a retry after a failure):
   * a second call adds nothing and returns the followers again. If the post no longer exists,
   * adds nothing and returns no one; a delete racing the call must leave no entry behind for its
   * {@link #removePost} to miss (in PostgreSQL the statement locks the post's row {@code FOR KEY
   * SHARE}, so that the delete, and the clean-up job it queues, come after it). In PostgreSQL this
   * is one statement:
   *
   * <pre>{@code
   * WITH post AS (SELECT id FROM posts WHERE id = :post FOR KEY SHARE),
   *      f AS (SELECT follower_id FROM follows
   *            WHERE followee_id = :author AND EXISTS (SELECT 1 FROM post)),
   *      added AS (INSERT INTO home_timeline (owner_id, post_id)
   *                SELECT follower_id, :post FROM f
   *                ON CONFLICT DO NOTHING)
   * SELECT follower_id FROM f
   * }</pre>
   *
   * followed, when some of those timelines have grown well past the cap, by a set-based trim
   * (a {@code row_number() OVER (PARTITION BY owner_id ORDER BY post_id DESC)} over those owners:
   * raise each {@code timeline_owners.horizon} to the largest {@code post_id} beyond the cap, then
   * delete the entries at or below it).
   *
   * @param post a stored post whose author's delivery pushes
   * @param cap the cap, at least 1
   * @return the followers the post was added to (or already had it), in any order
   */
  List<UserId> fanOut(Post post, int cap);

  /**
   * Follow backfill: copies the newest {@code cap} posts of {@code author} into the timeline of
   * {@code owner}, who has just followed them, and trims it to about {@code cap}. If the author has
   * more posts than were copied, raises the owner's horizon to at least the id of the newest post
   * not copied (fetch {@code cap + 1} posts, copy the first {@code cap}), so that completeness
   * above the horizon holds for this author too. Posts at or below the horizon need not be copied.
   *
   * <pre>{@code
   * INSERT INTO home_timeline (owner_id, post_id)
   * SELECT :owner, id FROM posts WHERE author_id = :author
   * ORDER BY id DESC LIMIT :cap
   * ON CONFLICT DO NOTHING
   * }</pre>
   *
   * @param owner the follower
   * @param author the followee, whose delivery pushes
   * @param cap the cap, at least 1
   */
  void backfill(UserId owner, UserId author, int cap);

  /**
   * Backfill for every user who follows {@code author} at the time of the call, as {@link
   * #backfill} does for one, in one set-based statement ({@code follows} joined with the author's
   * newest {@code cap} posts). The engine calls this from a {@link Job.Kind#CHECK_DELIVERY} job when an author
   * moves from {@link Delivery#PULL} back to push, with the author's delivery at {@link
   * Delivery#BOTH}.
   *
   * @param author the author
   * @param cap the cap, at least 1
   * @return the followers whose timelines were filled, in any order
   */
  List<UserId> backfillFollowers(UserId author, int cap);

  /**
   * Unfollow: removes the entries of {@code owner}'s timeline whose author is {@code author},
   * unless {@code owner} follows {@code author} at the moment of removal. The check and the
   * removal are one atomic step with respect to {@link #backfill} for the same owner, so that an
   * unfollow racing a new follow of the same pair never leaves a followed author missing:
   *
   * <pre>{@code
   * DELETE FROM home_timeline t USING posts p
   * WHERE t.owner_id = :owner AND p.id = t.post_id AND p.author_id = :author
   * AND NOT EXISTS (SELECT 1 FROM follows WHERE follower_id = :owner AND followee_id = :author)
   * }</pre>
   *
   * run after locking the owner's {@code timeline_owners} row. The horizon does not change.
   *
   * @param owner the former follower
   * @param author the former followee
   */
  void removeAuthor(UserId owner, UserId author);

  /**
   * Delete: removes every entry of a deleted post, from every timeline ({@code DELETE FROM
   * home_timeline WHERE post_id = :post}). The horizon does not change. Reads skip deleted posts
   * anyway, so this only reclaims space; the engine calls it from a {@link Job.Kind#REMOVE_POST}
   * job.
   *
   * @param post the deleted post's id
   * @param author the deleted post's author
   */
  void removePost(PostId post, UserId author);

  /**
   * Reads an owner's timeline: the posts of at most {@code limit} entries with {@code after < id
   * < before}, largest id first, skipping every entry whose post no longer exists or whose author
   * is neither the owner nor followed by the owner (so a page is filled from further entries), and
   * the owner's horizon, read in the same snapshot as the entries or after them (a horizon older
   * than the entries could hide a trim).
   *
   * <p>The cheapest way to skip the authors no longer followed is to have none: both stores
   * remove an author's entries from the timeline in the unfollow itself ({@link
   * FollowStore#delete} and {@link #deleteFollow}), ordered against fan-outs of that author in
   * flight, so a read only joins entries to posts. In PostgreSQL, one statement:
   *
   * <pre>{@code
   * SELECT p.* FROM home_timeline t JOIN posts p ON p.id = t.post_id
   * WHERE t.owner_id = :owner AND t.post_id < :before AND t.post_id > :after
   * ORDER BY t.post_id DESC LIMIT :limit
   * }</pre>
   *
   * then the horizon from {@code timeline_owners}. A store that leaves the removal to the {@link
   * Job.Kind#REMOVE_AUTHOR} job must instead check each entry's author against the owner's follows
   * as it reads. An owner without entries has an empty timeline and horizon 0.
   *
   * @param owner the owner
   * @param before exclusive upper bound of the post id
   * @param after exclusive lower bound of the post id
   * @param limit 1 or more
   * @return the posts and the horizon
   */
  TimelineSlice read(UserId owner, long before, long after, int limit);

  /**
   * Reads an owner's timeline from the end of the range that {@code order} names, in that order,
   * as {@link #read(UserId, long, long, int)} does. {@link Order#OLDEST_FIRST} reads only entries
   * above the horizon, {@code max(after, horizon) < id < before}, since older ones would fill the
   * page with entries that promise nothing.
   *
   * <p>The default walks {@link #read(UserId, long, long, int)} down the range and keeps the
   * horizon of its last step, which is read after every entry: exact, but in proportion to the
   * range; a store overrides it with a scan up from the horizon.
   */
  default TimelineSlice read(UserId owner, long before, long after, int limit, Order order) {
    if (order == Order.NEWEST_FIRST) {
      return read(owner, before, after, limit);
    }
    while (true) {
      long[] horizon = {0};
      List<Post> oldest =
          OldestWalk.oldest(
              before,
              limit,
              bound -> {
                TimelineSlice step = read(owner, bound, after, OldestWalk.STEP);
                horizon[0] = step.horizon();
                List<Post> posts = step.posts();
                // Nothing at or below the horizon counts, and nothing past it needs reading.
                int above = 0;
                while (above < posts.size() && posts.get(above).id().value() > step.horizon()) {
                  above++;
                }
                return above < posts.size() ? posts.subList(0, above) : posts;
              },
              p -> p.id().value());
      if (oldest.isEmpty() || oldest.get(0).id().value() > horizon[0]) {
        return new TimelineSlice(oldest, horizon[0]);
      }
      // A trim moved the horizon over entries kept by earlier steps: walk again.
    }
  }

  /**
   * Returns how an author's posts reach their followers: {@link Delivery#PUSH} unless changed.
   *
   * @param author any user id; an unknown user is {@link Delivery#PUSH}
   */
  Delivery delivery(UserId author);

  /**
   * Changes an author's delivery from {@code expected} to {@code update} if it is {@code expected}
   * now, atomically (compare-and-set). In PostgreSQL: from {@code PUSH}, {@code INSERT ... ON
   * CONFLICT DO NOTHING}; to {@code PUSH}, {@code DELETE ... WHERE delivery = :expected};
   * otherwise {@code UPDATE ... WHERE delivery = :expected}; success is one row affected.
   *
   * @param author the author
   * @param expected the delivery the author must have now
   * @param update the new delivery
   * @return whether the delivery was changed
   */
  boolean changeDelivery(UserId author, Delivery expected, Delivery update);

  /**
   * Returns the users {@code owner} follows whose delivery is {@link Delivery#PULL} or {@link
   * Delivery#BOTH}: the authors a home-timeline read merges at read time. There are usually few
   * such authors in the whole store, so the cheap way is to start from them and probe the follows
   * of {@code owner}, rather than walk everyone {@code owner} follows:
   *
   * <pre>{@code
   * SELECT a.author_id FROM fanout_authors a
   * WHERE EXISTS (SELECT 1 FROM follows f
   *               WHERE f.follower_id = :owner AND f.followee_id = a.author_id)
   * }</pre>
   *
   * @param owner the reader
   * @return distinct user ids, in any order
   */
  List<UserId> followeesMergedOnRead(UserId owner);
}
