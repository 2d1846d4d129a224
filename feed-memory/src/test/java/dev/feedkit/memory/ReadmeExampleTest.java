package dev.feedkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.contract.ReadmeExample;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the in-memory examples of README.md and docs/GUIDE.md, so they cannot rot. */
class ReadmeExampleTest {

  @Test
  void hostExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    String output = ReadmeExample.compile("host-example", dir).run();

    assertThat(output.lines()).containsExactly("@alice: hello from alice", "@bob: hello from bob");
  }

  /** Runs at the production hashing cost, as a host would. */
  @Test
  void accountsExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    String output = ReadmeExample.compile("accounts-example", dir).run();

    assertThat(output.lines())
        .containsExactly(
            "@alice is logged in", "wrong handle or password", "still logged in: false");
  }
}
