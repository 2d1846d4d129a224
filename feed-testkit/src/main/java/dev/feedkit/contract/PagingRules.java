package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.InvalidPageRequestException;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

abstract class PagingRules extends ContractGroup {

  PagingRules(FeedStoreContract contract) {
    super(contract);
  }

  private List<Post> postMany(User author, int count) {
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      posts.add(post(author, "post " + i));
    }
    Collections.reverse(posts);
    return posts;
  }

  @Test
  void defaultPageHoldsFifty() {
    User alice = user("alice");
    List<Post> posts = postMany(alice, 60);

    Page<Post> page = feed().homeTimeline(alice.id(), PageRequest.first());

    assertThat(page.items()).containsExactlyElementsOf(posts.subList(0, 50));
    assertThat(page.next()).contains(PageRequest.olderThan(posts.get(49).id().value(), 50));
  }

  @Test
  void lastPageHasNoNextEvenWhenExactlyFull() {
    User alice = user("alice");
    postMany(alice, 10);

    Page<Post> first = feed().homeTimeline(alice.id(), PageRequest.first(5));
    Page<Post> second = feed().homeTimeline(alice.id(), first.next().orElseThrow());

    assertThat(second.items()).hasSize(5);
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void limitsOutsideOneToTwoHundredAreRejected() {
    assertThatThrownBy(() -> PageRequest.first(0))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessageContaining("between 1 and 200, was 0");
    assertThatThrownBy(() -> PageRequest.first(201))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessageContaining("201");
    assertThatThrownBy(() -> PageRequest.olderThan(0, 10))
        .isInstanceOf(InvalidPageRequestException.class);
    assertThatThrownBy(() -> PageRequest.first().newerThan(-1))
        .isInstanceOf(InvalidPageRequestException.class);
    assertThat(PageRequest.first(1).limit()).isEqualTo(1);
    assertThat(PageRequest.first(200).limit()).isEqualTo(200);
  }

  @Test
  void pagingNeitherRepeatsNorSkipsWhilePostsArrive() {
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(alice.id(), bob.id());
    List<Post> before = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      before.add(post(i % 2 == 0 ? alice : bob, "p" + i));
    }
    Collections.reverse(before);
    feed().awaitFanout();

    List<PostId> seen = new ArrayList<>();
    Page<Post> page = feed().homeTimeline(alice.id(), PageRequest.first(3));
    while (true) {
      seen.addAll(ids(page));
      post(bob, "arrives while paging");
      post(alice, "so does this");
      feed().awaitFanout();
      if (page.next().isEmpty()) {
        break;
      }
      page = feed().homeTimeline(alice.id(), page.next().get());
    }

    assertThat(seen).containsExactlyElementsOf(before.stream().map(Post::id).toList());
  }

  @Test
  void sinceIdBoundsThePageFromBelow() {
    User alice = user("alice");
    List<Post> posts = postMany(alice, 10);
    long since = posts.get(6).id().value();

    Page<Post> newer = feed().homeTimeline(alice.id(), PageRequest.first(4).newerThan(since));
    Page<Post> rest = feed().homeTimeline(alice.id(), newer.next().orElseThrow());

    assertThat(newer.items()).containsExactlyElementsOf(posts.subList(0, 4));
    assertThat(rest.items()).containsExactlyElementsOf(posts.subList(4, 6));
    assertThat(rest.hasNext()).isFalse();
    assertThat(feed().userTimeline(alice.id(), PageRequest.first().newerThan(since)).items())
        .containsExactlyElementsOf(posts.subList(0, 6));
  }

  @Test
  void maxIdStartsBelowACursorThatNoLongerExists() {
    User alice = user("alice");
    List<Post> posts = postMany(alice, 5);
    feed().delete(alice.id(), posts.get(2).id());

    Page<Post> page =
        feed().homeTimeline(alice.id(), PageRequest.olderThan(posts.get(2).id().value(), 50));

    assertThat(page.items()).containsExactlyElementsOf(posts.subList(3, 5));
  }
}
