package dev.feedkit.jdbc;

import dev.feedkit.spi.Invalidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text form of an {@link Invalidation} in a PostgreSQL notification: {@code
 * origin;KIND;id,id,...;tokenHash} (ids and at most a session's token hash, never a token or a
 * text), cut into several payloads when one would pass PostgreSQL's 8000-byte limit. A payload
 * this version does not understand decodes to nothing, so that a listener can treat it as a change
 * it missed rather than guess.
 */
final class InvalidationPayloads {

  /**
   * Ids per payload: 300 ids of at most 20 digits and a comma, with the head and a token hash, stay
   * well under PostgreSQL's 8000 bytes.
   */
  static final int IDS_PER_PAYLOAD = 300;

  private static final Pattern TOKEN_HASH = Pattern.compile("[0-9a-f]{64}");

  private InvalidationPayloads() {}

  /** The payloads that carry {@code invalidation}: one, or several if it names many ids. */
  static List<String> encode(Invalidation invalidation) {
    String head = invalidation.origin() + ";" + invalidation.kind().name() + ";";
    String tail = ";" + invalidation.tokenHash().orElse("");
    List<Long> ids = invalidation.ids();
    List<String> payloads = new ArrayList<>();
    int from = 0;
    do {
      int to = Math.min(ids.size(), from + IDS_PER_PAYLOAD);
      StringBuilder b = new StringBuilder(head);
      for (int i = from; i < to; i++) {
        b.append(i > from ? "," : "").append(ids.get(i));
      }
      payloads.add(b.append(tail).toString());
      from = to;
    } while (from < ids.size());
    return payloads;
  }

  /** The invalidation a payload carries, or empty if it is not one this version understands. */
  static Optional<Invalidation> decode(String payload) {
    String[] parts = payload.split(";", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      long origin = Long.parseLong(parts[0]);
      Invalidation.Kind kind = Invalidation.Kind.valueOf(parts[1]);
      List<Long> ids = new ArrayList<>();
      if (!parts[2].isEmpty()) {
        for (String id : parts[2].split(",", -1)) {
          ids.add(Long.parseLong(id));
        }
      }
      String hash = parts[3];
      if (!hash.isEmpty() && !TOKEN_HASH.matcher(hash).matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new Invalidation(
              origin, kind, ids, hash.isEmpty() ? Optional.empty() : Optional.of(hash)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
