package dev.feedkit.example.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusContentTest {

  @Test
  void markupInAPostIsEscaped() {
    assertThat(StatusContent.html("<img src=x onerror=alert(1)> & 'quotes'"))
        .isEqualTo("<p>&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;</p>");
  }

  @Test
  void blankLinesSeparateParagraphsAndSingleBreaksBecomeBr() {
    assertThat(StatusContent.html("one\ntwo\n\nthree")).isEqualTo("<p>one<br>two</p><p>three</p>");
  }

  @Test
  void textOutsideAsciiIsKept() {
    assertThat(StatusContent.html("Café 🍓")).isEqualTo("<p>Café 🍓</p>");
  }
}
