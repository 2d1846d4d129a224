package dev.feedkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.Feed;
import dev.feedkit.InvalidIdempotencyKeyException;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    assertThat(ids(feed().userTimeline(alice.id(), PageRequest.first())))
        .containsExactly(post.id());
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
  @ValueSource(
      strings = {
        "",
        "   ",
        "\n\n",
        "nul\u0000byte",
        "bell\u0007",
        "escape\u001b[31m",
        "del\u007f",
        "c1\u0085control",
        "tab\tinside",
        "lone\uD800surrogate"
      })
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
    assertThat(ids(feed().userTimeline(alice.id(), PageRequest.first())))
        .containsExactly(keep.id());
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

  // ---- idempotency keys ----------------------------------------------------------------------

  @Test
  void aRepeatedPostUnderOneKeyStoresOnePostAndAnswersWithIt() {
    User alice = user("alice");

    Post first = feed().post(alice.id(), "only once", "3f1c2a9e-key");
    clock().advance(Duration.ofMillis(1));
    Post again = feed().post(alice.id(), "a different text, sent again", "3f1c2a9e-key");

    assertThat(again).isEqualTo(first);
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(1);
    assertThat(ids(feed().userTimeline(alice.id(), PageRequest.first())))
        .containsExactly(first.id());
    assertThat(homePage(alice, 10)).containsExactly(first.id());
    Post other = feed().post(alice.id(), "another key", "another-key");
    assertThat(other.id()).isNotEqualTo(first.id());
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(2);
  }

  @Test
  void aKeyIsEachAuthorsOwnAndDistinguishesCase() {
    User alice = user("alice");
    User bob = user("bob");

    Post fromAlice = feed().post(alice.id(), "mine", "k");
    Post fromBob = feed().post(bob.id(), "mine too", "k");
    Post upper = feed().post(alice.id(), "upper case key", "K");

    assertThat(fromBob.id()).isNotEqualTo(fromAlice.id());
    assertThat(upper.id()).isNotEqualTo(fromAlice.id());
    assertThat(feed().post(alice.id(), "again", "k")).isEqualTo(fromAlice);
    assertThat(feed().post(bob.id(), "again", "k")).isEqualTo(fromBob);
  }

  @Test
  void aPostWithoutAKeyNeverMatchesAKeyedOne() {
    User alice = user("alice");
    Post plain = feed().post(alice.id(), "same text");
    Post keyed = feed().post(alice.id(), "same text", "key");

    assertThat(keyed.id()).isNotEqualTo(plain.id());
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(2);
  }

  @Test
  void onceItsPostIsDeletedAKeyMakesANewPost() {
    User alice = user("alice");
    Post first = feed().post(alice.id(), "soon gone", "key");
    feed().delete(alice.id(), first.id());

    Post second = feed().post(alice.id(), "made anew", "key");

    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.text()).isEqualTo("made anew");
    assertThat(feed().post(alice.id(), "and kept", "key")).isEqualTo(second);
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tab\there", "line\nbreak", "nul\u0000", "lone \uD800 surrogate"})
  void anInvalidKeyIsRejectedAndNothingIsWritten(String key) {
    User alice = user("alice");

    assertThatThrownBy(() -> feed().post(alice.id(), "hello", key))
        .isInstanceOf(InvalidIdempotencyKeyException.class)
        .isInstanceOf(dev.feedkit.ValidationException.class);
    assertThatThrownBy(() -> feed().post(alice.id(), "hello", "k".repeat(256)))
        .isInstanceOf(InvalidIdempotencyKeyException.class)
        .hasMessageContaining("255");
    assertThat(feed().post(alice.id(), "hello", "k".repeat(255)).text()).isEqualTo("hello");
    assertThatThrownBy(() -> feed().post(alice.id(), "", "fine-key"))
        .isInstanceOf(InvalidPostException.class);
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(1);
  }

  @Test
  void aKeyedPostByAnUnknownAuthorFails() {
    assertThatThrownBy(() -> feed().post(new UserId(424_242), "hello", "key"))
        .isInstanceOf(NoSuchUserException.class);
  }

  @Test
  void concurrentPostsUnderOneKeyStoreOnePostAndAllAnswerWithIt() throws Exception {
    User alice = user("alice");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        String key = "race-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Post>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return feed().post(alice.id(), "raced", key);
                  }));
        }
        start.countDown();
        Set<PostId> answered = new HashSet<>();
        for (Future<Post> answer : answers) {
          answered.add(answer.get(30, TimeUnit.SECONDS).id());
        }
        assertThat(answered).as("round " + round).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(5);
    assertThat(feed().userTimeline(alice.id(), PageRequest.first()).items()).hasSize(5);
  }

  @Test
  void aKeyUsedThroughAnotherFeedOverTheSameStoreAnswersWithItsPost() {
    User alice = user("alice");
    Post first = feed().post(alice.id(), "from node one", "cross-node");
    try (Feed other = contract().reopen(1)) {
      assertThat(other.post(alice.id(), "from node two", "cross-node")).isEqualTo(first);
    }
    assertThat(feed().counts(alice.id()).posts()).isEqualTo(1);
  }
}
