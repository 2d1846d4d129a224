package dev.feedkit.example.mastodon;

import org.unbescape.html.HtmlEscape;

/**
 * Turns the plain text of a post into the HTML that Mastodon puts in a status's {@code content}:
 * every character escaped, blank lines between paragraphs, single line breaks as {@code <br>}.
 * Nothing from the text is ever markup, so a post containing {@code <script>} shows as text.
 */
final class StatusContent {

  private StatusContent() {}

  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (String paragraph : text.split("\n\\s*\n")) {
      if (paragraph.isBlank()) {
        continue;
      }
      out.append("<p>");
      String[] lines = paragraph.strip().split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          out.append("<br>");
        }
        out.append(HtmlEscape.escapeHtml4Xml(lines[i]));
      }
      out.append("</p>");
    }
    return out.toString();
  }
}
