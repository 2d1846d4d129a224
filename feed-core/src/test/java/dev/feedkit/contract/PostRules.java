package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.InvalidPostException;
import dev.feedkit.NoSuchPostException;
import dev.feedkit.NoSuchUserException;
import dev.feedkit.NotAuthorException;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

abstract class PostRules extends ContractGroup {

  PostRules(FeedStoreContract contract) {
    super(contract);
  }

  @Test
  void postIsStoredAndCounted() {
    User alice = user("alice");

    Post post = feed().post(alice.id(), "hello, world");

    assertThat(post.author()).isEqualTo(alice.id());
    assertThat(post.text()).isEqualTo("hello, world");
    assertThat(post.createdAt()).isEqualTo(clock().instant());
    assertThat(feed().postById(post.id())).contains(post);
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(1);
    assertThat(ids(feed().userTimeline(alice.id(), PageRequest.first()))).containsExactly(post.id());
  }

  @Test
  void textIsTrimmedAndLineBreaksUnified() {
    User alice = user("alice");

    Post post = feed().post(alice.id(), "  \r\n first line\r\nsecond\rthird \n\t ");

    assertThat(post.text()).isEqualTo("first line\nsecond\nthird");
    assertThat(feed().postById(post.id()).orElseThrow().text()).isEqualTo(post.text());
  }

  @Test
  void textIsCountedInCodePointsAfterNormalization() {
    User alice = user("alice");
    String emoji = "\uD83D\uDE80";
    String decomposed = "e\u0301";

    assertThat(feed().post(alice.id(), emoji.repeat(280)).text()).isEqualTo(emoji.repeat(280));
    assertThat(feed().post(alice.id(), decomposed.repeat(280)).text())
        .as("NFC makes e + combining acute one code point")
        .isEqualTo("\u00e9".repeat(280));
    assertThatThrownBy(() -> feed().post(alice.id(), "x".repeat(281)))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("280")
        .hasMessageContaining("281");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\n", "nul\u0000byte", "bell\u0007", "escape\u001b[31m",
      "del\u007f", "c1\u0085control", "tab\tinside", "lone\uD800surrogate"})
  void invalidTextIsRejectedAndNothingIsWritten(String text) {
    User alice = user("alice");

    assertThatThrownBy(() -> feed().post(alice.id(), text))
        .isInstanceOf(InvalidPostException.class);
    assertThat(feed().counts(alice.id()).posts()).isZero();
    assertThat(feed().userTimeline(alice.id(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void postByUnknownAuthorFails() {
    assertThatThrownBy(() -> feed().post(UserId.of(31), "hi"))
        .isInstanceOf(NoSuchUserException.class);
  }

  @Test
  void authorDeletesTheirPost() {
    User alice = user("alice");
    Post keep = post(alice, "keep");
    Post gone = post(alice, "gone");

    feed().delete(alice.id(), gone.id());

    assertThat(feed().postById(gone.id())).isEmpty();
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(1);
    assertThat(ids(feed().userTimeline(alice.id(), PageRequest.first()))).containsExactly(keep.id());
  }

  @Test
  void onlyTheAuthorMayDelete() {
    User alice = user("alice");
    User mallory = user("mallory");
    Post post = post(alice, "mine");

    assertThatThrownBy(() -> feed().delete(mallory.id(), post.id()))
        .isInstanceOf(NotAuthorException.class)
        .hasMessageContaining(post.id().toString());
    assertThat(feed().postById(post.id())).contains(post);
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(1);
  }

  @Test
  void deletingTwiceOrAnUnknownPostFails() {
    User alice = user("alice");
    Post post = post(alice, "once");
    feed().delete(alice.id(), post.id());

    assertThatThrownBy(() -> feed().delete(alice.id(), post.id()))
        .isInstanceOf(NoSuchPostException.class);
    assertThatThrownBy(() -> feed().delete(alice.id(), PostId.of(12345)))
        .isInstanceOf(NoSuchPostException.class)
        .hasMessageContaining("12345");
    assertThat(feed().counts(alice.id()).posts()).isZero();
  }

  @Test
  void idsIncreaseEvenWhenTheClockStepsBack() {
    User alice = user("alice");
    Post first = feed().post(alice.id(), "one");
    clock().advance(Duration.ofMinutes(-10));
    Post second = feed().post(alice.id(), "two");
    Post third = feed().post(alice.id(), "three");

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(third.id()).isGreaterThan(second.id());
    assertThat(ids(feed().userTimeline(alice.id(), PageRequest.first())))
        .containsExactly(third.id(), second.id(), first.id());
  }

  @Test
  void feedsWithDifferentWorkerIdsNeverCollide() {
    User alice = user("alice");
    try (var other = contract().reopen(7)) {
      Post a = feed().post(alice.id(), "from worker 0");
      Post b = other.post(alice.id(), "from worker 7");

      assertThat(a.id()).isNotEqualTo(b.id());
      assertThat(feed().counts(alice.id()).posts()).isEqualTo(2);
    }
  }
}
