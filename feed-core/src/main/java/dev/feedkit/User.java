package dev.feedkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A user: an identity with a handle and a display name. Counts that change with every follow and
 * post live apart, in {@link UserCounts}, so that a {@code User} never goes stale.
 *
 * @param id the user's id
 * @param handle the handle as the user chose it; unique without regard to case
 * @param displayName the name shown beside the handle
 * @param createdAt when the user was created
 */
public record User(UserId id, String handle, String displayName, Instant createdAt) {

  /** Checks that no component is null. */
  public User {
    requireNonNull(id, "id");
    requireNonNull(handle, "handle");
    requireNonNull(displayName, "displayName");
    requireNonNull(createdAt, "createdAt");
  }
}
