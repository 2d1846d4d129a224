package dev.feedkit.example.web;

import dev.feedkit.Feed;
import dev.feedkit.Post;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The authors of a list of posts, as the pages and the API both show them beside each post. */
public final class Authors {

  private Authors() {}

  /**
   * The authors of {@code posts} by id, read in one batch however many there are; {@code known}
   * (the viewer, say) is taken as it is instead of being read again. An author who no longer
   * exists is absent, and their posts are left out of what is shown.
   */
  public static Map<UserId, User> of(Feed feed, List<Post> posts, Optional<User> known) {
    Set<UserId> others = new LinkedHashSet<>();
    for (Post post : posts) {
      if (known.isEmpty() || !known.get().id().equals(post.author())) {
        others.add(post.author());
      }
    }
    Map<UserId, User> authors = new HashMap<>(feed.users(others));
    known.ifPresent(user -> authors.put(user.id(), user));
    return Collections.unmodifiableMap(authors);
  }
}
