package dev.feedkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredSessionTest {

  @Test
  void toStringLeavesTheTokenHashOut() {
    String hash = "ab".repeat(32);
    StoredSession session = new StoredSession(hash, UserId.of(7), Instant.EPOCH, Instant.EPOCH);

    assertThat(session.toString()).doesNotContain(hash).contains("userId=7");
  }
}
