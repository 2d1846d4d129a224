package dev.feedkit.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.UserId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SPI's records refuse impossible components, naming the one that is wrong. */
class SpiValueChecksTest {

  private static final Job JOB = new Job(Job.Kind.FAN_OUT, 7, 3);

  @Test
  void jobsAndClaimsMustHavePositiveIds() {
    assertThatThrownBy(() -> new Job(Job.Kind.FAN_OUT, 0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job subject must be > 0, was 0");
    assertThatThrownBy(() -> new Job(Job.Kind.FAN_OUT, 7, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job object must be >= 0, was -1");
    assertThatThrownBy(() -> new ClaimedJob(0, JOB, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("claimed job id must be > 0, was 0");
    assertThatThrownBy(() -> new ClaimedJob(5, JOB, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be > 0, was 0");
    assertThatThrownBy(() -> new Follow(0, UserId.of(1), UserId.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("follow id must be > 0, was 0");
  }

  @Test
  void noMoreJobsAreLeasedThanPending() {
    assertThatThrownBy(() -> new JobQueueStats(-1, 0, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pending must be >= 0, was -1");
    assertThatThrownBy(() -> new JobQueueStats(2, 3, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leased must be between 0 and 2, was 3");
  }
}
