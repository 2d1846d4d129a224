package dev.feedkit.spi;

import java.util.Locale;

/**
 * For store writers: the one form under which a store keys a handle. Handles are unique without
 * regard to case ({@code Alice} and {@code alice} are one handle), so a store finds and compares
 * them by {@link #canonical}; it keeps and returns the handle as the user chose it.
 */
public final class Handles {

  private Handles() {}

  /**
   * The canonical form of a valid handle: its lower-case form in {@link Locale#ROOT} (handles are
   * ASCII letters, digits and underscores, so no locale can change it).
   */
  public static String canonical(String handle) {
    return handle.toLowerCase(Locale.ROOT);
  }
}
