package dev.feedkit.example.mastodon;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON entities of Mastodon's client API that the app serves, with Mastodon's field names
 * (snake_case through the app's object mapper) and string ids. Fields for features feedkit does
 * not have (media, polls, boosts, favourites) are present with their empty values, so that
 * clients written for Mastodon find everything they expect.
 */
final class MastodonEntities {

  private MastodonEntities() {}

  /** An account; {@code source} is present only in the answer to verify_credentials. */
  record Account(
      String id,
      String username,
      String acct,
      String displayName,
      boolean locked,
      boolean bot,
      boolean discoverable,
      boolean group,
      String createdAt,
      String note,
      String url,
      String uri,
      String avatar,
      String avatarStatic,
      String header,
      String headerStatic,
      long followersCount,
      long followingCount,
      long statusesCount,
      String lastStatusAt,
      List<Object> emojis,
      List<Object> fields,
      @JsonInclude(JsonInclude.Include.NON_NULL) Source source) {}

  /** The source of an account's profile, shown to its owner. */
  record Source(
      String privacy,
      boolean sensitive,
      String language,
      String note,
      List<Object> fields,
      int followRequestsCount) {}

  /** A status. The viewer flags and {@code text} are present only where Mastodon has them. */
  record Status(
      String id,
      String uri,
      String url,
      String createdAt,
      Account account,
      String content,
      String visibility,
      boolean sensitive,
      String spoilerText,
      List<Object> mediaAttachments,
      Object application,
      List<Object> mentions,
      List<Object> tags,
      List<Object> emojis,
      long reblogsCount,
      long favouritesCount,
      long repliesCount,
      String inReplyToId,
      String inReplyToAccountId,
      Object reblog,
      Object poll,
      Object card,
      String language,
      String editedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String text,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean favourited,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean reblogged,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean muted,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean bookmarked,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean pinned) {}

  /** The relationship of the viewer to another account. */
  record Relationship(
      String id,
      boolean following,
      boolean showingReblogs,
      boolean notifying,
      List<String> languages,
      boolean followedBy,
      boolean blocking,
      boolean blockedBy,
      boolean muting,
      boolean mutingNotifications,
      boolean requested,
      boolean requestedBy,
      boolean domainBlocking,
      boolean endorsed,
      String note) {}

  /** An OAuth access token. */
  record Token(String accessToken, String tokenType, String scope, long createdAt) {}

  /** A registered client application. */
  record Application(
      String id,
      String name,
      String website,
      String redirectUri,
      List<String> redirectUris,
      List<String> scopes,
      String clientId,
      String clientSecret,
      String vapidKey) {}

  /** An error, as Mastodon answers it; {@code error_description} only for OAuth errors. */
  record Error(String error, @JsonInclude(JsonInclude.Include.NON_NULL) String errorDescription) {}
}
