package dev.feedkit.spi;

import dev.feedkit.Post;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * For store writers: the k-way merge of post sources that the engine and the default {@link
 * PostStore#byAuthors} use, for a store that reads each author's posts on its own and must merge
 * them. Sources are sorted newest first, or, with an {@link Order}, in that order. A heap over the sources' heads: taking {@code n} posts from {@code k}
 * sources costs {@code O(k + n log k)} and reads at most {@code n} posts past the first of each
 * source, so lazy sources are read no further than needed.
 */
public final class Merge {

  private Merge() {}

  /** Merges newest-first lists into one newest-first list of at most {@code limit} posts. */
  public static List<Post> newestFirst(List<List<Post>> lists, int limit) {
    return of(lists, limit, Order.NEWEST_FIRST);
  }

  /**
   * Merges lists sorted in {@code order} into one list in that order of at most {@code limit}
   * posts, each taken once.
   */
  public static List<Post> of(List<List<Post>> lists, int limit, Order order) {
    List<Iterator<Post>> sources = new ArrayList<>(lists.size());
    for (List<Post> list : lists) {
      if (!list.isEmpty()) {
        sources.add(list.iterator());
      }
    }
    return ofIterators(sources, limit, order);
  }

  /**
   * Merges newest-first iterators into one newest-first list of at most {@code limit} posts.
   * Posts with equal ids (one post reached through two sources) are taken once.
   */
  public static List<Post> newestFirstOf(List<? extends Iterator<Post>> sources, int limit) {
    return ofIterators(sources, limit, Order.NEWEST_FIRST);
  }

  /**
   * Merges iterators sorted in {@code order} into one list in that order of at most {@code limit}
   * posts, each taken once.
   */
  public static List<Post> ofIterators(
      List<? extends Iterator<Post>> sources, int limit, Order order) {
    if (sources.size() == 1) {
      return take(sources.get(0), limit);
    }
    PriorityQueue<Head> heap = new PriorityQueue<>(Math.max(1, sources.size()));
    for (Iterator<Post> source : sources) {
      if (source.hasNext()) {
        heap.add(new Head(source.next(), source, order));
      }
    }
    List<Post> merged = new ArrayList<>(Math.min(limit, 64));
    long lastId = 0;
    while (merged.size() < limit && !heap.isEmpty()) {
      Head head = heap.poll();
      long id = head.post.id().value();
      if (merged.isEmpty() || id != lastId) {
        merged.add(head.post);
        lastId = id;
      }
      if (head.rest.hasNext()) {
        head.post = head.rest.next();
        heap.add(head);
      }
    }
    return merged;
  }

  private static List<Post> take(Iterator<Post> source, int limit) {
    List<Post> taken = new ArrayList<>(Math.min(limit, 64));
    while (taken.size() < limit && source.hasNext()) {
      taken.add(source.next());
    }
    return taken;
  }

  /** The current post of one source; ordered as the merge takes them. */
  private static final class Head implements Comparable<Head> {
    Post post;
    final Iterator<Post> rest;
    final Order order;

    Head(Post post, Iterator<Post> rest, Order order) {
      this.post = post;
      this.rest = rest;
      this.order = order;
    }

    @Override
    public int compareTo(Head other) {
      long mine = post.id().value();
      long theirs = other.post.id().value();
      return mine == theirs ? 0 : order.precedes(mine, theirs) ? -1 : 1;
    }
  }
}
