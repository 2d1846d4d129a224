package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidation.Kind;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The payloads of invalidation notifications, without a database. */
class InvalidationPayloadsTest {

  private static final String HASH = "ab".repeat(32);

  @Test
  void aPayloadCarriesBackWhatItWasMadeFrom() {
    Invalidation revoked =
        new Invalidation(-42, Kind.USER_SESSIONS_REVOKED, List.of(7L), Optional.of(HASH));
    Invalidation everything = Invalidation.of(5, Kind.EVERYTHING_CHANGED, List.of());

    for (Invalidation i : List.of(revoked, everything)) {
      List<String> payloads = InvalidationPayloads.encode(i);
      assertThat(payloads).hasSize(1);
      assertThat(InvalidationPayloads.decode(payloads.get(0))).contains(i);
    }
  }

  @Test
  void manyIdsAreCutIntoPayloadsThatPostgresAccepts() {
    List<Long> ids = LongStream.range(0, 1_000).map(i -> Long.MAX_VALUE - i).boxed().toList();
    List<String> payloads =
        InvalidationPayloads.encode(Invalidation.of(1, Kind.OWNERS_CHANGED, ids));

    assertThat(payloads)
        .hasSizeGreaterThan(1)
        .allSatisfy(p -> assertThat(p.length()).isLessThan(8000));
    assertThat(
            payloads.stream()
                .flatMap(p -> InvalidationPayloads.decode(p).orElseThrow().ids().stream())
                .toList())
        .isEqualTo(ids);
  }

  @Test
  void everyKindRoundTripsWithAnyIds() {
    for (Kind kind : Kind.values()) {
      for (List<Long> ids :
          List.of(List.<Long>of(), List.of(1L), List.of(Long.MAX_VALUE, 3L, 2L))) {
        Invalidation i = Invalidation.of(Long.MIN_VALUE, kind, ids);
        assertThat(InvalidationPayloads.encode(i))
            .singleElement()
            .satisfies(p -> assertThat(InvalidationPayloads.decode(p)).contains(i));
      }
    }
  }

  @Test
  void aFullPayloadOfTheLongestIdsAndAHashStaysUnderPostgresLimit() {
    int n = InvalidationPayloads.IDS_PER_PAYLOAD;
    List<Long> longest = LongStream.range(0, n + 1).map(i -> Long.MIN_VALUE + i).boxed().toList();
    Invalidation i =
        new Invalidation(Long.MIN_VALUE, Kind.USER_SESSIONS_REVOKED, longest, Optional.of(HASH));

    List<String> payloads = InvalidationPayloads.encode(i);

    assertThat(payloads).hasSize(2);
    assertThat(payloads.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThan(8000);
    assertThat(InvalidationPayloads.decode(payloads.get(0)).orElseThrow().ids()).hasSize(n);
    assertThat(InvalidationPayloads.decode(payloads.get(1)).orElseThrow().ids()).hasSize(1);
  }

  @Test
  void whatThisVersionDoesNotUnderstandIsRejected() {
    assertThat(InvalidationPayloads.decode("1;POSTS_DELETED;1;;")).isEmpty();
    assertThat(InvalidationPayloads.decode("1;POSTS_DELETED;1, 2;")).isEmpty();
    assertThat(InvalidationPayloads.decode("1;POSTS_DELETED;1,,2;")).isEmpty();
    assertThat(InvalidationPayloads.decode("x;POSTS_DELETED;1;")).isEmpty();
    assertThat(InvalidationPayloads.decode("1;USER_SESSIONS_REVOKED;7;" + HASH.toUpperCase()))
        .isEmpty();
    assertThat(InvalidationPayloads.decode("")).isEmpty();
    assertThat(InvalidationPayloads.decode("1;NEW_KIND;;")).isEmpty();
    assertThat(InvalidationPayloads.decode("1;POSTS_DELETED;x;")).isEmpty();
    assertThat(InvalidationPayloads.decode("1;SESSION_REVOKED;;not-a-hash")).isEmpty();
    assertThat(InvalidationPayloads.decode("garbage")).isEmpty();
  }
}
