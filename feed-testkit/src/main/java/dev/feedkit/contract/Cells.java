package dev.feedkit.contract;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.feedkit.FanoutPolicy;
import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The cells of the {@link FeedVariant} matrix that a rule group runs in: those that can change
 * its answers, as Caffeine's {@code @CacheSpec} declares per test. {@link GroupCells} makes the
 * group's runs from it, so the other cells are neither built nor reported. A group without it runs
 * in every cell.
 */
@Documented
@Inherited
@Retention(RUNTIME)
@Target(TYPE)
@interface Cells {

  /** The fan-out policies the group runs under; every policy unless it says. */
  Fanout[] fanout() default {Fanout.PULL, Fanout.PUSH, Fanout.HYBRID};

  /** Whether the group runs with the cache off, on, or both (unless it says). */
  Cache[] cache() default {Cache.OFF, Cache.ON};

  /** A fan-out policy of the matrix. */
  enum Fanout {
    PULL,
    PUSH,
    HYBRID;

    static Fanout of(FeedVariant cell) {
      if (!cell.materializes()) {
        return PULL;
      }
      return cell.fanout().equals(FanoutPolicy.push()) ? PUSH : HYBRID;
    }
  }

  /** The cache, off or on. */
  enum Cache {
    OFF,
    ON;

    static Cache of(FeedVariant cell) {
      return cell.caches() ? ON : OFF;
    }
  }
}
