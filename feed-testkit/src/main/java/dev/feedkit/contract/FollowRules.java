package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.Feed;
import dev.feedkit.FollowState;
import dev.feedkit.InvalidFollowException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.PageRequest;
import dev.feedkit.TooManyIdsException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

abstract class FollowRules extends ContractGroup {

  FollowRules(FeedStoreContract contract) {
    super(contract);
  }

  @Test
  void followMakesAFollowAndCountsIt() {
    User alice = user("alice");
    User bob = user("bob");

    assertThat(feed().follow(alice.id(), bob.id())).isTrue();

    assertThat(feed().isFollowing(alice.id(), bob.id())).isTrue();
    assertThat(feed().isFollowing(bob.id(), alice.id())).isFalse();
    assertThat(feed().counts(alice.id())).isEqualTo(new UserCounts(0, 1, 0));
    assertThat(feed().counts(bob.id())).isEqualTo(new UserCounts(1, 0, 0));
  }

  @Test
  void repeatingAFollowIsHarmless() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().follow(alice.id(), bob.id());
    feed().follow(carol.id(), bob.id());

    assertThat(feed().follow(alice.id(), bob.id())).isFalse();

    assertThat(feed().counts(bob.id()).followers()).isEqualTo(2);
    assertThat(userIds(feed().followers(bob.id(), PageRequest.first())))
        .as("the repeated follow keeps its original place")
        .containsExactly(carol.id(), alice.id());
  }

  @Test
  void unfollowEndsAFollowAndRepeatingItIsHarmless() {
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(alice.id(), bob.id());

    assertThat(feed().unfollow(alice.id(), bob.id())).isTrue();
    assertThat(feed().unfollow(alice.id(), bob.id())).isFalse();

    assertThat(feed().isFollowing(alice.id(), bob.id())).isFalse();
    assertThat(feed().counts(alice.id())).isEqualTo(UserCounts.ZERO);
    assertThat(feed().counts(bob.id())).isEqualTo(UserCounts.ZERO);
    assertThat(feed().followers(bob.id(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void followAgainAfterUnfollowComesFirst() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().follow(alice.id(), bob.id());
    feed().follow(carol.id(), bob.id());
    feed().unfollow(alice.id(), bob.id());
    feed().follow(alice.id(), bob.id());

    assertThat(userIds(feed().followers(bob.id(), PageRequest.first())))
        .containsExactly(alice.id(), carol.id());
  }

  @Test
  void selfFollowIsRejected() {
    User alice = user("alice");

    assertThatThrownBy(() -> feed().follow(alice.id(), alice.id()))
        .isInstanceOf(InvalidFollowException.class)
        .hasMessageContaining("themselves");
    assertThat(feed().counts(alice.id())).isEqualTo(UserCounts.ZERO);
  }

  @Test
  void followOfUnknownUserFailsAndWritesNothing() {
    User alice = user("alice");
    UserId ghost = UserId.of(999);

    assertThatThrownBy(() -> feed().follow(alice.id(), ghost))
        .isInstanceOf(NoSuchUserException.class)
        .hasMessageContaining("999");
    assertThatThrownBy(() -> feed().follow(ghost, alice.id()))
        .isInstanceOf(NoSuchUserException.class);
    assertThatThrownBy(() -> feed().unfollow(alice.id(), ghost))
        .isInstanceOf(NoSuchUserException.class);

    assertThat(feed().counts(alice.id())).isEqualTo(UserCounts.ZERO);
    assertThat(feed().following(alice.id(), PageRequest.first()).items()).isEmpty();
    assertThat(feed().isFollowing(alice.id(), ghost)).isFalse();
  }

  @Test
  void listsOfUnknownUserFail() {
    assertThatThrownBy(() -> feed().followers(UserId.of(5), PageRequest.first()))
        .isInstanceOf(NoSuchUserException.class);
    assertThatThrownBy(() -> feed().following(UserId.of(5), PageRequest.first()))
        .isInstanceOf(NoSuchUserException.class);
  }

  @Test
  void followerAndFollowingListsPageByMostRecentFollow() {
    User star = user("star");
    List<User> fans = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      User fan = user("fan" + i);
      fans.add(fan);
      feed().follow(fan.id(), star.id());
      feed().follow(star.id(), fan.id());
    }
    List<UserId> newestFirst = new java.util.ArrayList<>(fans.stream().map(User::id).toList());
    java.util.Collections.reverse(newestFirst);

    assertThat(walk(p -> feed().followers(star.id(), p), PageRequest.first(3)))
        .extracting(User::id)
        .containsExactlyElementsOf(newestFirst);
    assertThat(walk(p -> feed().following(star.id(), p), PageRequest.first(2)))
        .extracting(User::id)
        .containsExactlyElementsOf(newestFirst);
    assertThat(feed().followers(star.id(), PageRequest.first(3)).hasNext()).isTrue();
    assertThat(feed().followers(star.id(), PageRequest.first(7)).hasNext()).isFalse();
    assertThat(feed().counts(star.id())).isEqualTo(new UserCounts(7, 7, 0));
  }

  @Test
  void followStatesSayWhoFollowsWhomForAWholeBatchInOneStoreCall() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    User dave = user("dave");
    User erin = user("erin");
    feed().follow(alice.id(), bob.id());
    feed().follow(alice.id(), carol.id());
    feed().follow(carol.id(), alice.id());
    feed().follow(dave.id(), alice.id());
    feed().follow(bob.id(), erin.id());
    UserId nobody = UserId.of(987_654_321L);
    // Settled, so that no background job of the follows runs through the recording store.
    feed().awaitFanout();
    RecordingStore recording = new RecordingStore(store());
    Feed reader = extraFeed(recording.store(), b -> b);

    Map<UserId, FollowState> states =
        reader.followStates(
            alice.id(), List.of(erin.id(), bob.id(), carol.id(), nobody, dave.id(), bob.id()));

    assertThat(states.keySet())
        .as("each distinct id, in order")
        .containsExactly(erin.id(), bob.id(), carol.id(), nobody, dave.id());
    assertThat(states.get(bob.id())).isEqualTo(new FollowState(true, false));
    assertThat(states.get(carol.id())).isEqualTo(new FollowState(true, true));
    assertThat(states.get(carol.id()).mutual()).isTrue();
    assertThat(states.get(dave.id())).isEqualTo(new FollowState(false, true));
    assertThat(states.get(erin.id())).isEqualTo(FollowState.NONE);
    assertThat(states.get(nobody)).isEqualTo(FollowState.NONE);
    for (UserId other : states.keySet()) {
      assertThat(states.get(other))
          .as("as isFollowing says, for %s", other)
          .isEqualTo(
              new FollowState(
                  feed().isFollowing(alice.id(), other), feed().isFollowing(other, alice.id())));
    }
    assertThat(recording.calls())
        .as("one store call")
        .filteredOn(
            call -> !call.startsWith("timelines.delivery") && !call.startsWith("users.counts"))
        .singleElement()
        .satisfies(call -> assertThat(call).startsWith("follows.followStates "));
    assertThat(reader.followStates(nobody, List.of(alice.id())))
        .containsEntry(alice.id(), FollowState.NONE);
    assertThat(reader.followStates(alice.id(), List.of())).isEmpty();
  }

  @Test
  void followStatesTakeAtMostOneBatch() {
    User alice = user("alice");
    List<UserId> tooMany = new ArrayList<>();
    for (long i = 1; i <= Feed.MAX_BATCH + 1; i++) {
      tooMany.add(UserId.of(i));
    }
    assertThatThrownBy(() -> feed().followStates(alice.id(), tooMany))
        .isInstanceOf(TooManyIdsException.class);
    assertThat(feed().followStates(alice.id(), tooMany.subList(0, Feed.MAX_BATCH)))
        .hasSize(Feed.MAX_BATCH);
  }
}
