package dev.feedkit.internal;

import dev.feedkit.Post;
import dev.feedkit.UserId;
import java.util.List;

/**
 * A home-timeline read: the posts, and the authors whose post lists were merged to find them
 * (beyond the reader's materialized timeline), which a cached copy of the page depends on.
 *
 * @param posts the posts, largest id first
 * @param merged the authors merged at read time
 */
record HomeRead(List<Post> posts, List<UserId> merged) {}
