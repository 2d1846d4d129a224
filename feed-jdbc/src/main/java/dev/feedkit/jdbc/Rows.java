package dev.feedkit.jdbc;

import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.User;
import dev.feedkit.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Row mappers and arguments shared by the stores. Timestamps travel as {@code OffsetDateTime} in
 * UTC, which the driver maps to {@code timestamptz} exactly, whatever the JVM's or the session's
 * time zone.
 */
final class Rows {

  private Rows() {}

  /** Maps {@code id, handle, display_name, created_at}. */
  static final RowMapper<User> USER = (rs, ctx) -> user(rs);

  /** Maps {@code id, author_id, text, created_at}. */
  static final RowMapper<Post> POST =
      (rs, ctx) ->
          new Post(
              new PostId(rs.getLong("id")),
              new UserId(rs.getLong("author_id")),
              rs.getString("text"),
              instant(rs, "created_at"));

  static User user(ResultSet rs) throws SQLException {
    return new User(
        new UserId(rs.getLong("id")),
        rs.getString("handle"),
        rs.getString("display_name"),
        instant(rs, "created_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** Binds an instant as {@code timestamptz}. */
  static Argument timestamp(Instant instant) {
    OffsetDateTime value = instant.atOffset(ZoneOffset.UTC);
    return (position, statement, ctx) ->
        statement.setObject(position, value, Types.TIMESTAMP_WITH_TIMEZONE);
  }
}
