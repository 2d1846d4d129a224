package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidation.Kind;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The payloads of invalidation notifications, without a database. */
class NotifyInvalidationsTest {

  private static final String HASH = "ab".repeat(32);

  @Test
  void aPayloadCarriesBackWhatItWasMadeFrom() {
    Invalidation revoked = new Invalidation(-42, Kind.USER_SESSIONS_REVOKED, List.of(7L),
        Optional.of(HASH));
    Invalidation everything = Invalidation.of(5, Kind.EVERYTHING_CHANGED, List.of());

    for (Invalidation i : List.of(revoked, everything)) {
      List<String> payloads = NotifyInvalidations.encode(i);
      assertThat(payloads).hasSize(1);
      assertThat(NotifyInvalidations.decode(payloads.get(0))).contains(i);
    }
  }

  @Test
  void manyIdsAreCutIntoPayloadsThatPostgresAccepts() {
    List<Long> ids = LongStream.range(0, 1_000).map(i -> Long.MAX_VALUE - i).boxed().toList();
    List<String> payloads =
        NotifyInvalidations.encode(Invalidation.of(1, Kind.OWNERS_CHANGED, ids));

    assertThat(payloads).hasSizeGreaterThan(1)
        .allSatisfy(p -> assertThat(p.length()).isLessThan(8000));
    assertThat(payloads.stream()
        .flatMap(p -> NotifyInvalidations.decode(p).orElseThrow().ids().stream())
        .toList()).isEqualTo(ids);
  }

  @Test
  void whatThisVersionDoesNotUnderstandIsRejected() {
    assertThat(NotifyInvalidations.decode("1;NEW_KIND;;")).isEmpty();
    assertThat(NotifyInvalidations.decode("1;POSTS_DELETED;x;")).isEmpty();
    assertThat(NotifyInvalidations.decode("1;SESSION_REVOKED;;not-a-hash")).isEmpty();
    assertThat(NotifyInvalidations.decode("garbage")).isEmpty();
  }
}
