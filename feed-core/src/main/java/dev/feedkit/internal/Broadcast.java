package dev.feedkit.internal;

import static java.util.Objects.requireNonNull;

import dev.feedkit.spi.Invalidation;
import dev.feedkit.spi.Invalidations;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One feed's side of its store's {@link Invalidations}: stamps what the feed's writes changed with
 * the feed's random origin and publishes it. Only {@link Changes} calls it, after each local
 * change; what other feeds publish it applies without publishing.
 *
 * <p>Design: publishing never fails a write that already happened; a channel that throws anyway
 * is logged (the kind only, no ids) and the other nodes' caches fall back to expiry.
 */
final class Broadcast {

  private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);
  private static final Broadcast NONE = new Broadcast(Invalidations.none(), 0);

  private final Invalidations channel;
  private final long origin;

  private Broadcast(Invalidations channel, long origin) {
    this.channel = channel;
    this.origin = origin;
  }

  /** Publishes on {@code channel} with a fresh random origin. */
  static Broadcast on(Invalidations channel) {
    return new Broadcast(requireNonNull(channel, "channel"), new SecureRandom().nextLong());
  }

  /** Publishes nowhere. */
  static Broadcast none() {
    return NONE;
  }

  /** Whether {@code invalidation} came from this feed. */
  boolean isOwn(Invalidation invalidation) {
    return channel != Invalidations.none() && invalidation.origin() == origin;
  }

  void publish(Invalidation.Kind kind, List<Long> ids) {
    publish(kind, ids, Optional.empty());
  }

  void publish(Invalidation.Kind kind, List<Long> ids, Optional<String> tokenHash) {
    if (channel == Invalidations.none()) {
      return;
    }
    try {
      channel.publish(new Invalidation(origin, kind, ids, tokenHash));
    } catch (RuntimeException e) {
      LOG.warn(
          "could not publish a {} invalidation; other nodes see it when their caches expire",
          kind,
          e);
    }
  }
}
