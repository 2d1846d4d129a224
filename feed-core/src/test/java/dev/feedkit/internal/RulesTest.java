package dev.feedkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.InvalidHandleException;
import dev.feedkit.InvalidPostException;
import org.junit.jupiter.api.Test;

class RulesTest {

  @Test
  void handlePrefixAcceptsWhatAHandleCouldStartWith() {
    assertThat(Rules.handlePrefix(" @Al_1 ")).contains("al_1");
    assertThat(Rules.handlePrefix("")).contains("");
    assertThat(Rules.handlePrefix("a%")).isEmpty();
    assertThat(Rules.handlePrefix("a".repeat(31))).isEmpty();
  }

  @Test
  void invalidHandleMessageShowsControlCharactersEscapedAndLongInputShortened() {
    assertThatThrownBy(() -> Rules.handle("bad\u0000name"))
        .isInstanceOf(InvalidHandleException.class)
        .hasMessageContaining("bad\\u0000name");
    assertThatThrownBy(() -> Rules.handle("x".repeat(100)))
        .hasMessageContaining("x".repeat(40) + "…\"");
  }

  @Test
  void postMayHoldEmojiSequencesAndNewlines() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    assertThat(Rules.postText("line one\n" + family)).isEqualTo("line one\n" + family);
  }

  @Test
  void unpairedSurrogateIsRejectedButPairedOneIsKept() {
    assertThat(Rules.postText("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    assertThatThrownBy(() -> Rules.postText("x\uDE00")).isInstanceOf(InvalidPostException.class);
  }
}
