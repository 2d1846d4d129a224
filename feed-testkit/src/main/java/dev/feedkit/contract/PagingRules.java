package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.Feed;
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

  @Test
  void justAboveReadsTheOldestEntriesAboveTheBoundNewestFirst() {
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(alice.id(), bob.id());
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      posts.add(post(i % 3 == 0 ? alice : bob, "p" + i));
    }
    Collections.reverse(posts);
    feed().awaitFanout();
    long minId = posts.get(25).id().value();

    Page<Post> page = feed().homeTimeline(alice.id(), PageRequest.first(3).justAbove(minId));

    assertThat(page.items()).containsExactlyElementsOf(posts.subList(22, 25));
    assertThat(page.next())
        .as("the next page lies above")
        .contains(PageRequest.first(3).justAbove(posts.get(22).id().value()));
    assertThat(
            feed()
                .homeTimeline(
                    alice.id(),
                    PageRequest.olderThan(posts.get(23).id().value(), 3).justAbove(minId))
                .items())
        .as("bounded above too")
        .containsExactlyElementsOf(posts.subList(24, 25));
    List<Post> alices = posts.stream().filter(p -> p.author().equals(alice.id())).toList();
    assertThat(
            feed()
                .userTimeline(
                    alice.id(), PageRequest.first(2).justAbove(alices.get(5).id().value()))
                .items())
        .containsExactlyElementsOf(alices.subList(3, 5));
  }

  @Test
  void pagingUpwardsFromTheBottomSeesEveryEntryOnce() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().follow(alice.id(), bob.id());
    feed().follow(alice.id(), carol.id());
    feed().follow(bob.id(), alice.id());
    feed().follow(carol.id(), alice.id());
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 3 * FeedVariant.SMALL_CAP + 7; i++) {
      posts.add(post(i % 3 == 0 ? alice : i % 3 == 1 ? bob : carol, "p" + i));
    }
    Collections.reverse(posts);
    feed().awaitFanout();

    assertThat(walkUp(p -> feed().homeTimeline(alice.id(), p), PageRequest.first(4).justAbove(1)))
        .as("past the cap as well")
        .containsExactlyElementsOf(posts);
    assertThat(walkUp(p -> feed().following(alice.id(), p), PageRequest.first(1).justAbove(1)))
        .containsExactly(carol, bob);
    assertThat(walkUp(p -> feed().followers(alice.id(), p), PageRequest.first(1).justAbove(1)))
        .containsExactly(carol, bob);
  }

  @Test
  void aPageJustAboveABoundFarBelowCostsOneReadNotTheWholeGap() {
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(bob.id(), alice.id());
    List<Post> posts = postMany(alice, 450);
    feed().awaitFanout();
    RecordingStore recording = new RecordingStore(store());
    Feed reader = extraFeed(recording.store(), b -> b);
    long first = posts.get(posts.size() - 1).id().value();

    assertThat(ids(reader.userTimeline(alice.id(), PageRequest.first(3).justAbove(first))))
        .containsExactlyElementsOf(ids(posts.subList(446, 449)));
    assertThat(recording.calls())
        .filteredOn(call -> call.startsWith("posts."))
        .as("one read of the author's posts")
        .hasSize(1);
    recording.clear();
    assertThat(ids(reader.homeTimeline(bob.id(), PageRequest.first(3).justAbove(first))))
        .containsExactlyElementsOf(ids(posts.subList(446, 449)));
    assertThat(
            recording.calls().stream()
                .filter(call -> !call.startsWith("users.") && !call.startsWith("follows.followee"))
                .toList())
        .as("the materialized entries, and the authors' posts below the horizon")
        .hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void justAboveRejectsABoundThatIsNotPositive() {
    assertThatThrownBy(() -> PageRequest.first().justAbove(0))
        .isInstanceOf(InvalidPageRequestException.class)
        .hasMessageContaining("min id");
    assertThat(PageRequest.first(5).justAbove(7).takesOldest()).isTrue();
    assertThat(PageRequest.first(5).newerThan(7).takesOldest()).isFalse();
    assertThat(PageRequest.first(5).justAbove(7)).isNotEqualTo(PageRequest.first(5).newerThan(7));
  }
}
