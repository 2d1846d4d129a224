package dev.feedkit.example.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Mastodon paging over a newest-first list of the numbers 1 to 500. */
class PagingTest {

  private static final List<Long> ASCENDING = LongStream.rangeClosed(1, 500).boxed().toList();
  private static final List<Long> NUMBERS =
      LongStream.rangeClosed(1, 500).boxed().sorted((a, b) -> Long.compare(b, a)).toList();

  /** Reads as feedkit does: from the top of the range, or from its bottom for min_id. */
  private static final Function<PageRequest, Page<Long>> READ =
      request ->
          Page.of(
              (request.takesOldest() ? ASCENDING : NUMBERS)
                  .stream()
                      .filter(n -> n < request.before() && n > request.after())
                      .limit(request.limit() + 1L)
                      .toList(),
              request,
              n -> n);

  private static Paging paging(int limit, Long max, Long since, Long min) {
    return new Paging(limit, opt(max), opt(since), opt(min));
  }

  private static OptionalLong opt(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  @Test
  void maxIdReadsOlderEntries() {
    Paging.Slice<Long> slice = paging(3, 100L, null, null).read(READ, n -> n);
    assertThat(slice.items()).containsExactly(99L, 98L, 97L);
    assertThat(slice.nextMaxId()).hasValue(97);
    assertThat(slice.prevMinId()).hasValue(99);
  }

  @Test
  void sinceIdReadsTheNewestAboveIt() {
    assertThat(paging(3, null, 10L, null).read(READ, n -> n).items())
        .containsExactly(500L, 499L, 498L);
  }

  @Test
  void minIdReadsTheEntriesJustAboveItEvenAcrossManyPages() {
    Paging.Slice<Long> slice = paging(3, null, null, 10L).read(READ, n -> n);
    assertThat(slice.items()).containsExactly(13L, 12L, 11L);
    assertThat(slice.prevMinId()).hasValue(13);
    assertThat(paging(3, 12L, null, 10L).read(READ, n -> n).items()).containsExactly(11L);
    assertThat(paging(3, null, 20L, 10L).read(READ, n -> n).items())
        .as("min_id wins over since_id")
        .containsExactly(13L, 12L, 11L);
  }

  @Test
  void minIdIsOneReadFromTheBottomOfTheGapHoweverWideItIs() {
    List<PageRequest> requests = new ArrayList<>();
    Paging.Slice<Long> slice =
        paging(3, null, null, 1L)
            .read(
                request -> {
                  requests.add(request);
                  return READ.apply(request);
                },
                n -> n);
    assertThat(slice.items()).containsExactly(4L, 3L, 2L);
    assertThat(slice.nextMaxId()).hasValue(2);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).takesOldest()).isTrue();
  }

  @Test
  void theLastPageHasNoNextLink() {
    Paging.Slice<Long> slice = paging(5, 3L, null, null).read(READ, n -> n);
    assertThat(slice.items()).containsExactly(2L, 1L);
    assertThat(slice.nextMaxId()).isEmpty();
  }

  @Test
  void withoutCursorsOnlyTheNextLinkIsGiven() {
    Paging.Slice<Long> slice = paging(3, null, null, null).read(READ, null);
    assertThat(slice.nextMaxId()).hasValue(498);
    assertThat(slice.prevMinId()).isEmpty();
  }
}
