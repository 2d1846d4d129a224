package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.InvalidFollowException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.PageRequest;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import java.util.List;
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
}
