package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.HandleTakenException;
import dev.feedkit.InvalidDisplayNameException;
import dev.feedkit.InvalidHandleException;
import dev.feedkit.InvalidPageRequestException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.User;
import dev.feedkit.UserCounts;
import dev.feedkit.UserId;
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
  @ValueSource(strings = {"", "ab", "a b c", "alice!", "älice", "1234567890123456789012345678901",
      "al-ice", "al.ice", "alice\n"})
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
}
