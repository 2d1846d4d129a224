package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.Feed;
import dev.feedkit.HandleTakenException;
import dev.feedkit.InvalidDisplayNameException;
import dev.feedkit.InvalidHandleException;
import dev.feedkit.InvalidPageRequestException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.Post;
import dev.feedkit.TooManyIdsException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
import dev.feedkit.spi.UserStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

abstract class UserRules extends ContractGroup {

  UserRules(FeedStoreContract contract) {
    super(contract);
  }

  @Test
  void createdUserIsFoundByIdAndHandle() {
    User alice = feed().createUser("Alice_1", "  Alice Liddell ");

    assertThat(alice.handle()).isEqualTo("Alice_1");
    assertThat(alice.displayName()).isEqualTo("Alice Liddell");
    assertThat(alice.createdAt()).isEqualTo(clock().instant());
    assertThat(feed().user(alice.id())).contains(alice);
    assertThat(feed().userByHandle("Alice_1")).contains(alice);
  }

  @Test
  void handleLookupIgnoresCaseAndLeadingAt() {
    User alice = user("alice");

    assertThat(feed().userByHandle("ALICE")).contains(alice);
    assertThat(feed().userByHandle("@aLiCe")).contains(alice);
  }

  @Test
  void unknownUsersAreNotFound() {
    assertThat(feed().user(UserId.of(42))).isEmpty();
    assertThat(feed().userByHandle("nobody")).isEmpty();
    assertThat(feed().userByHandle("not a handle!")).isEmpty();
  }

  @Test
  void handleIsUniqueWithoutRegardToCase() {
    user("alice");

    assertThatThrownBy(() -> feed().createUser("ALICE", "Other"))
        .isInstanceOf(HandleTakenException.class)
        .hasMessageContaining("ALICE");
    assertThat(feed().searchUsers("alice", 10)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ab",
        "a b c",
        "alice!",
        "älice",
        "1234567890123456789012345678901",
        "al-ice",
        "al.ice",
        "alice\n"
      })
  void invalidHandlesAreRejected(String handle) {
    assertThatThrownBy(() -> feed().createUser(handle, "Name"))
        .isInstanceOf(InvalidHandleException.class)
        .hasMessageContaining("3–30 characters");
    assertThat(feed().searchUsers("", 200)).isEmpty();
  }

  @Test
  void handlesOfThreeAndThirtyCharactersAreAccepted() {
    assertThat(feed().createUser("abc", "A").handle()).isEqualTo("abc");
    String thirty = "a".repeat(30);
    assertThat(feed().createUser(thirty, "A").handle()).isEqualTo(thirty);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "tab\there", "line\nbreak", "bell\u0007"})
  void invalidDisplayNamesAreRejected(String name) {
    assertThatThrownBy(() -> feed().createUser("alice", name))
        .isInstanceOf(InvalidDisplayNameException.class);
    assertThat(feed().userByHandle("alice")).isEmpty();
  }

  @Test
  void displayNameIsCountedInCodePoints() {
    String fifty = "\uD83D\uDE00".repeat(50);
    assertThat(feed().createUser("smiles", fifty).displayName()).isEqualTo(fifty);
    assertThatThrownBy(() -> feed().createUser("smiles2", fifty + "x"))
        .isInstanceOf(InvalidDisplayNameException.class)
        .hasMessageContaining("51");
  }

  @Test
  void newUserHasZeroCounts() {
    assertThat(feed().counts(user("alice").id())).isEqualTo(UserCounts.ZERO);
  }

  @Test
  void countsOfUnknownUserFail() {
    assertThatThrownBy(() -> feed().counts(UserId.of(7)))
        .isInstanceOf(NoSuchUserException.class)
        .hasMessageContaining("7");
  }

  @Test
  void searchFindsHandlesByPrefixInHandleOrder() {
    User bob = user("bob");
    User bobby = user("Bobby");
    User bo = user("bo_o");
    user("alice");

    assertThat(feed().searchUsers("BO", 10)).containsExactly(bo, bob, bobby);
    assertThat(feed().searchUsers("@bob", 10)).containsExactly(bob, bobby);
    assertThat(feed().searchUsers("bo", 2)).containsExactly(bo, bob);
    assertThat(feed().searchUsers("b%", 10)).isEmpty();
    assertThat(feed().searchUsers("zed", 10)).isEmpty();
  }

  @Test
  void searchLimitIsChecked() {
    assertThatThrownBy(() -> feed().searchUsers("a", 0))
        .isInstanceOf(InvalidPageRequestException.class);
    assertThatThrownBy(() -> feed().searchUsers("a", 201))
        .isInstanceOf(InvalidPageRequestException.class);
  }

  @Test
  void usersInBatchAreTheExistingOnesInTheOrderFirstGiven() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().user(bob.id()); // cached, when the cell caches
    UserId nobody = UserId.of(Long.MAX_VALUE);

    Map<UserId, User> found =
        feed().users(List.of(carol.id(), nobody, alice.id(), carol.id(), bob.id()));

    assertThat(found)
        .containsExactly(
            Map.entry(carol.id(), carol), Map.entry(alice.id(), alice), Map.entry(bob.id(), bob));
    assertThat(feed().users(List.of(nobody))).isEmpty();
    assertThat(feed().users(List.of())).isEmpty();
    assertThatThrownBy(() -> found.put(nobody, alice))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void countsInBatchAreWhatSingleReadsSay() {
    User alice = user("alice");
    User bob = user("bob");
    User carol = user("carol");
    feed().follow(alice.id(), bob.id());
    feed().follow(carol.id(), bob.id());
    feed().follow(bob.id(), alice.id());
    post(bob, "one");
    Post gone = post(bob, "two");
    post(carol, "three");
    feed().delete(bob.id(), gone.id());
    feed().awaitFanout();
    UserId nobody = UserId.of(Long.MAX_VALUE);

    Map<UserId, UserCounts> counts =
        feed().counts(List.of(bob.id(), nobody, alice.id(), carol.id(), bob.id()));

    assertThat(counts.keySet()).containsExactly(bob.id(), alice.id(), carol.id());
    assertThat(counts.get(bob.id())).isEqualTo(new UserCounts(2, 1, 1));
    for (User u : List.of(alice, bob, carol)) {
      assertThat(counts.get(u.id())).as(u.handle()).isEqualTo(feed().counts(u.id()));
    }
    assertThat(feed().counts(List.of(nobody))).isEmpty();
    assertThat(feed().counts(List.<UserId>of())).isEmpty();
  }

  @Test
  void batchesTakeUpToTheLimitOfDistinctIds() {
    List<User> users = new ArrayList<>();
    List<UserId> ids = new ArrayList<>();
    for (int i = 0; i < Feed.MAX_BATCH; i++) {
      User u = user("user" + i);
      users.add(u);
      ids.add(u.id());
    }
    List<UserId> withRepeats = new ArrayList<>(ids);
    withRepeats.addAll(ids.subList(0, 50));

    assertThat(feed().users(withRepeats).values()).containsExactlyElementsOf(users);
    assertThat(feed().counts(withRepeats))
        .hasSize(Feed.MAX_BATCH)
        .allSatisfy((id, c) -> assertThat(c).isEqualTo(UserCounts.ZERO));

    List<UserId> tooMany = new ArrayList<>(ids);
    tooMany.add(UserId.of(Long.MAX_VALUE));
    assertThatThrownBy(() -> feed().users(tooMany))
        .isInstanceOf(TooManyIdsException.class)
        .hasMessageContaining("at most " + Feed.MAX_BATCH);
    assertThatThrownBy(() -> feed().counts(tooMany))
        .isInstanceOf(TooManyIdsException.class)
        .hasMessageContaining("at most " + Feed.MAX_BATCH);
  }

  @Test
  void batchesOfNullAreProgrammingErrors() {
    User alice = user("alice");
    List<UserId> withNull = Arrays.asList(alice.id(), null);

    assertThatThrownBy(() -> feed().users(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> feed().counts((List<UserId>) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> feed().users(withNull)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> feed().counts(withNull)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void storeBatchReadsFindTheExistingUsersOnly() {
    User alice = user("alice");
    User bob = user("bob");
    feed().follow(alice.id(), bob.id());
    post(alice, "hi");
    feed().awaitFanout();
    UserStore users = store().users();
    List<UserId> ids = List.of(bob.id(), UserId.of(Long.MAX_VALUE), alice.id());

    assertThat(users.findByIds(ids))
        .containsOnly(Map.entry(alice.id(), alice), Map.entry(bob.id(), bob));
    assertThat(users.counts(ids))
        .containsOnly(
            Map.entry(alice.id(), new UserCounts(0, 1, 1)),
            Map.entry(bob.id(), new UserCounts(1, 0, 0)));
    assertThat(users.findByIds(List.of(UserId.of(Long.MAX_VALUE)))).isEmpty();
    assertThat(users.counts(List.of(UserId.of(Long.MAX_VALUE)))).isEmpty();
  }
}
