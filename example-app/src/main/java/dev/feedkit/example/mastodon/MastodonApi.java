package dev.feedkit.example.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.feedkit.AuthenticationException;
import dev.feedkit.Feed;
import dev.feedkit.FollowState;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.Session;
import dev.feedkit.TooManyAttemptsException;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.example.mastodon.MastodonEntities.Application;
import dev.feedkit.example.mastodon.MastodonEntities.Relationship;
import dev.feedkit.example.mastodon.MastodonEntities.Token;
import dev.feedkit.example.web.HttpError;
import dev.feedkit.example.web.Paging;
import dev.feedkit.example.web.Params;
import dev.feedkit.example.web.Routes;
import dev.feedkit.example.web.Web;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import spark.Request;
import spark.Response;
import spark.Route;
import spark.Service;

/**
 * The subset of Mastodon's client REST API that covers what feedkit does: sign-up and OAuth
 * password log-in, accounts, follows, statuses and the home timeline, with Mastodon's paths,
 * field names, string ids, paging parameters, {@code Link} headers and {@code {"error": "..."}}
 * bodies, so that Mastodon client libraries work against it.
 *
 * <p>Tokens are feedkit session tokens, sent as {@code Authorization: Bearer}. There is no OAuth
 * application registry: {@code POST /api/v1/apps} answers with fresh client credentials so that
 * clients can go through their usual steps, and the token endpoint does not check them. Requests
 * for what feedkit does not have (media, polls, replies, private posts) are refused with 422
 * rather than half done.
 */
public final class MastodonApi implements Routes {

  private static final int STATUSES_DEFAULT = 20;
  private static final int STATUSES_MAX = 40;
  private static final int ACCOUNTS_DEFAULT = 40;
  private static final int ACCOUNTS_MAX = 80;
  private static final String SCOPE = "read write follow";
  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted");

  private final Feed feed;
  private final ObjectMapper json =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * The API over {@code feed}.
   *
   * @param clock the clock for the creation time of tokens
   */
  public MastodonApi(Feed feed, Clock clock) {
    this.feed = feed;
    this.clock = clock;
  }

  @Override
  public void register(Service http) {
    http.post("/api/v1/apps", json(this::createApp));
    http.get("/api/v1/instance", json(this::instance));
    http.post("/api/v1/accounts", json(this::signUp));
    http.post("/oauth/token", json(this::token));
    http.post("/oauth/revoke", json(this::revoke));
    http.get("/api/v1/accounts/verify_credentials", json(this::verifyCredentials));
    http.get("/api/v1/accounts/lookup", json(this::lookup));
    http.get("/api/v1/accounts/search", json(this::search));
    http.get("/api/v1/accounts/relationships", json(this::relationships));
    http.get("/api/v1/accounts/:id", json(this::account));
    http.get("/api/v1/accounts/:id/statuses", json(this::accountStatuses));
    http.get("/api/v1/accounts/:id/followers", json((req, res) -> connections(req, res, true)));
    http.get("/api/v1/accounts/:id/following", json((req, res) -> connections(req, res, false)));
    http.post("/api/v1/accounts/:id/follow", json((req, res) -> follow(req, true)));
    http.post("/api/v1/accounts/:id/unfollow", json((req, res) -> follow(req, false)));
    http.post("/api/v1/statuses", json(this::postStatus));
    http.get("/api/v1/statuses/:id", json(this::status));
    http.delete("/api/v1/statuses/:id", json(this::deleteStatus));
    http.get("/api/v1/timelines/home", json(this::homeTimeline));
  }

  /** The JSON body of an error; OAuth endpoints add a description to a machine code. */
  @Override
  public String errorBody(
      Request req, Response res, int status, String message, Optional<String> oauthCode) {
    if (status == 401 && oauthCode.isEmpty()) {
      res.header("WWW-Authenticate", "Bearer realm=\"feedkit\"");
    }
    res.type("application/json; charset=utf-8");
    MastodonEntities.Error error =
        oauthCode
            .map(code -> new MastodonEntities.Error(code, message))
            .orElseGet(() -> new MastodonEntities.Error(message, null));
    return write(error);
  }

  // ---- applications, sign-up, tokens

  private Object createApp(Request req, Response res) {
    Params params = Params.of(req);
    String name = params.required("client_name");
    String redirect = params.first("redirect_uris").orElse("urn:ietf:wg:oauth:2.0:oob");
    List<String> scopes = List.of(params.first("scopes").orElse("read").split("\\s+"));
    return new Application(
        Long.toString(Math.abs(random.nextLong() >> 1) + 1),
        name,
        params.first("website").orElse(null),
        redirect,
        List.of(redirect),
        scopes,
        randomToken(),
        randomToken(),
        "");
  }

  private Object instance(Request req, Response res) {
    Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("uri", host(req));
    instance.put("title", "feedkit");
    instance.put("short_description", "The feedkit example app");
    instance.put("description", "A small Twitter-like service built on feedkit.");
    instance.put("email", "");
    instance.put("version", "4.0.0 (compatible; feedkit 0.1.0)");
    instance.put("urls", Map.of());
    // feedkit keeps no totals, so the stats say only what is known.
    instance.put("stats", Map.of("domain_count", 1));
    instance.put("thumbnail", null);
    instance.put("languages", List.of("en"));
    instance.put("registrations", true);
    instance.put("approval_required", false);
    instance.put("invites_enabled", false);
    instance.put(
        "configuration",
        Map.of(
            "statuses",
                Map.of(
                    "max_characters",
                    280,
                    "max_media_attachments",
                    0,
                    "characters_reserved_per_url",
                    23),
            "accounts", Map.of("max_featured_tags", 0)));
    instance.put("contact_account", null);
    instance.put("rules", List.of());
    return instance;
  }

  private Object signUp(Request req, Response res) {
    Params params = Params.of(req);
    String handle = params.required("username").strip();
    String password = params.required("password");
    String displayName = params.first("display_name").filter(s -> !s.isBlank()).orElse(handle);
    return tokenOf(feed.accounts().signUpAndLogIn(handle, password, displayName));
  }

  private Object token(Request req, Response res) {
    Params params = Params.of(req);
    String grant =
        params
            .first("grant_type")
            .orElseThrow(
                () ->
                    HttpError.oauth(
                        400, "invalid_request", "grant_type is required; use password"));
    if (!grant.equals("password")) {
      throw HttpError.oauth(
          400,
          "unsupported_grant_type",
          "only the password grant is supported (grant_type=password with username and password), not "
              + Params.shorten(grant));
    }
    String handle =
        params
            .first("username")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    HttpError.oauth(
                        400, "invalid_request", "username is required: the account's handle"));
    String password =
        params
            .first("password")
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> HttpError.oauth(400, "invalid_request", "password is required"));
    try {
      return tokenOf(feed.accounts().logIn(handle.strip(), password, Web.clientKey(req)));
    } catch (TooManyAttemptsException e) {
      throw e;
    } catch (AuthenticationException e) {
      throw HttpError.oauth(400, "invalid_grant", e.getMessage());
    }
  }

  private Object revoke(Request req, Response res) {
    Params params = Params.of(req);
    String token =
        params
            .first("token")
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () ->
                    HttpError.oauth(
                        400, "invalid_request", "token is required: the access token to revoke"));
    feed.accounts().logOut(token);
    return Map.of();
  }

  private Token tokenOf(Session session) {
    return new Token(session.token(), "Bearer", SCOPE, clock.instant().getEpochSecond());
  }

  // ---- accounts

  private Object verifyCredentials(Request req, Response res) {
    UserId me = requireUser(req);
    return mapper(req).credentialAccount(user(me));
  }

  private Object lookup(Request req, Response res) {
    Params params = Params.ofQuery(req);
    String acct = params.required("acct").strip();
    if (acct.startsWith("@")) {
      acct = acct.substring(1);
    }
    int at = acct.indexOf('@');
    if (at >= 0) {
      String domain = acct.substring(at + 1).toLowerCase(Locale.ROOT);
      String host = host(req);
      if (!domain.equals(host) && !domain.equals(host.replaceFirst(":\\d+$", ""))) {
        throw HttpError.notFound(
            "no account "
                + Params.shorten(acct)
                + " here: this server knows only its own accounts");
      }
      acct = acct.substring(0, at);
    }
    String handle = acct;
    User user =
        feed.userByHandle(handle)
            .orElseThrow(
                () -> HttpError.notFound("no account with the handle " + Params.shorten(handle)));
    return mapper(req).account(user);
  }

  private Object search(Request req, Response res) {
    Params params = Params.ofQuery(req);
    String q = params.required("q");
    int limit = params.limit(ACCOUNTS_DEFAULT, ACCOUNTS_MAX);
    int offset =
        params
            .first("offset")
            .filter(s -> !s.isEmpty())
            .map(
                s ->
                    !s.matches("[0-9]+")
                        ? -1
                        : s.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(s))
            .orElse(0);
    if (offset < 0) {
      throw HttpError.badRequest("offset must be a non-negative integer");
    }
    boolean onlyFollowing = params.flag("following");
    Optional<UserId> viewer = onlyFollowing ? Optional.of(requireUser(req)) : viewer(req);
    if (offset >= PageRequest.MAX_LIMIT) {
      return List.of();
    }
    List<User> found = feed.searchUsers(q, Math.min(PageRequest.MAX_LIMIT, offset + limit));
    List<User> shown = found.subList(Math.min(offset, found.size()), found.size());
    if (onlyFollowing) {
      Map<UserId, FollowState> states =
          feed.followStates(viewer.orElseThrow(), shown.stream().map(User::id).toList());
      shown = shown.stream().filter(user -> states.get(user.id()).following()).toList();
    }
    return mapper(req).accounts(shown);
  }

  private Object relationships(Request req, Response res) {
    UserId me = requireUser(req);
    List<UserId> ids = new ArrayList<>();
    for (String id : Params.ofQuery(req).all("id")) {
      ids.add(UserId.of(Params.parseId("id", id)));
    }
    Set<UserId> known = feed.users(ids).keySet();
    Map<UserId, FollowState> states = feed.followStates(me, known);
    List<Relationship> relationships = new ArrayList<>();
    for (UserId other : known) {
      relationships.add(relationship(other, states.get(other)));
    }
    return relationships;
  }

  private Object account(Request req, Response res) {
    return mapper(req).account(userParam(req));
  }

  private Object accountStatuses(Request req, Response res) {
    User user = userParam(req);
    Params params = Params.ofQuery(req);
    if (params.first("tagged").filter(s -> !s.isBlank()).isPresent()) {
      throw HttpError.unprocessable("hashtags are not indexed here; list statuses without tagged");
    }
    if (params.flag("pinned") || params.flag("only_media")) {
      return List.of();
    }
    Paging paging = Paging.from(params, STATUSES_DEFAULT, STATUSES_MAX);
    Paging.Slice<Post> slice =
        paging.read(page -> feed.userTimeline(user.id(), page), p -> p.id().value());
    link(req, res, slice, paging);
    return mapper(req).statuses(slice.items(), viewer(req));
  }

  private Object connections(Request req, Response res, boolean followers) {
    User user = userParam(req);
    Paging paging = Paging.from(Params.ofQuery(req), ACCOUNTS_DEFAULT, ACCOUNTS_MAX);
    Function<PageRequest, Page<User>> read =
        followers
            ? page -> feed.followers(user.id(), page)
            : page -> feed.following(user.id(), page);
    Paging.Slice<User> slice = paging.read(read, null);
    link(req, res, slice, paging);
    return mapper(req).accounts(slice.items());
  }

  private Object follow(Request req, boolean follow) {
    UserId me = requireUser(req);
    User other = userParam(req);
    if (follow) {
      feed.follow(me, other.id());
    } else {
      feed.unfollow(me, other.id());
    }
    return relationship(other.id(), feed.followStates(me, List.of(other.id())).get(other.id()));
  }

  private static Relationship relationship(UserId other, FollowState state) {
    boolean following = state.following();
    boolean followedBy = state.followedBy();
    return new Relationship(
        other.toString(),
        following,
        following,
        false,
        null,
        followedBy,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        "");
  }

  // ---- statuses and timelines

  private Object postStatus(Request req, Response res) {
    UserId me = requireUser(req);
    Params params = Params.of(req);
    if (!params.all("media_ids").isEmpty()) {
      throw HttpError.unprocessable("media attachments are not supported; send text only");
    }
    if (params.first("poll[options]").isPresent() || params.first("poll").isPresent()) {
      throw HttpError.unprocessable("polls are not supported; send text only");
    }
    if (params.first("in_reply_to_id").filter(s -> !s.isEmpty()).isPresent()) {
      throw HttpError.unprocessable("replies are not supported; post without in_reply_to_id");
    }
    if (params.first("scheduled_at").filter(s -> !s.isEmpty()).isPresent()) {
      throw HttpError.unprocessable("scheduled posts are not supported; post without scheduled_at");
    }
    if (!params.text("spoiler_text").isBlank()) {
      throw HttpError.unprocessable(
          "content warnings are not supported; post without spoiler_text");
    }
    String visibility = params.first("visibility").filter(s -> !s.isEmpty()).orElse("public");
    if (!VISIBILITIES.contains(visibility)) {
      throw HttpError.unprocessable(
          "every post here is public; visibility must be public or unlisted, not "
              + Params.shorten(visibility));
    }
    String text = params.first("status").orElse("");
    // As Mastodon: a retry with the same Idempotency-Key gets the status the first request made.
    String key = req.headers("Idempotency-Key");
    Post post = key == null || key.isBlank() ? feed.post(me, text) : feed.post(me, text, key);
    return mapper(req).status(post, Optional.of(me), false);
  }

  private Object status(Request req, Response res) {
    Post post = postParam(req);
    return mapper(req).status(post, viewer(req), false);
  }

  private Object deleteStatus(Request req, Response res) {
    UserId me = requireUser(req);
    Post post = postParam(req);
    feed.delete(me, post.id());
    return mapper(req).status(post, Optional.of(me), true);
  }

  private Object homeTimeline(Request req, Response res) {
    UserId me = requireUser(req);
    Paging paging = Paging.from(Params.ofQuery(req), STATUSES_DEFAULT, STATUSES_MAX);
    Paging.Slice<Post> slice =
        paging.read(page -> feed.homeTimeline(me, page), p -> p.id().value());
    link(req, res, slice, paging);
    return mapper(req).statuses(slice.items(), Optional.of(me));
  }

  // ---- helpers

  /** The host and port the client used, such as {@code 127.0.0.1:4567}. */
  private static String host(Request req) {
    return Web.baseUrl(req).replaceFirst("^https?://", "");
  }

  private Mastodon mapper(Request req) {
    return new Mastodon(feed, Web.baseUrl(req));
  }

  private User userParam(Request req) {
    return byPathId(req, "account", id -> feed.user(UserId.of(id)));
  }

  private Post postParam(Request req) {
    return byPathId(req, "status", id -> feed.postById(PostId.of(id)));
  }

  /**
   * What the id in the path names: anything but a positive number names nothing, so it is a 404,
   * as in Mastodon.
   */
  private static <T> T byPathId(Request req, String what, Function<Long, Optional<T>> find) {
    String raw = req.params("id");
    return Params.positiveId(raw)
        .flatMap(find)
        .orElseThrow(
            () -> HttpError.notFound("no " + what + " with the id " + Params.shorten(raw)));
  }

  private User user(UserId id) {
    return feed.user(id)
        .orElseThrow(
            () ->
                HttpError.unauthorized(
                    "the access token belongs to an account that no longer exists"));
  }

  /** The user of the bearer token, if the request has a valid one. */
  private Optional<UserId> viewer(Request req) {
    return bearer(req).flatMap(token -> feed.accounts().authenticate(token));
  }

  /**
   * The user of the bearer token.
   *
   * @throws HttpError 401 when there is no token or it is not a live session
   */
  private UserId requireUser(Request req) {
    String token =
        bearer(req)
            .orElseThrow(
                () ->
                    HttpError.unauthorized(
                        "this needs an access token: send the header Authorization: Bearer <access_token>"));
    return feed.accounts()
        .authenticate(token)
        .orElseThrow(
            () ->
                HttpError.unauthorized(
                    "the access token is invalid, expired or revoked; log in again for a new one"));
  }

  private static Optional<String> bearer(Request req) {
    String header = req.headers("Authorization");
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String[] parts = header.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw HttpError.unauthorized("the Authorization header must be: Bearer <access_token>");
    }
    return Optional.of(parts[1]);
  }

  private static <T> void link(Request req, Response res, Paging.Slice<T> slice, Paging paging) {
    String base = Web.baseUrl(req) + Web.path(req) + "?limit=" + paging.limit();
    List<String> links = new ArrayList<>(2);
    slice.nextMaxId().ifPresent(id -> links.add("<" + base + "&max_id=" + id + ">; rel=\"next\""));
    slice.prevMinId().ifPresent(id -> links.add("<" + base + "&min_id=" + id + ">; rel=\"prev\""));
    if (!links.isEmpty()) {
      res.header("Link", String.join(", ", links));
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private Route json(Route route) {
    return (req, res) -> {
      Object body = route.handle(req, res);
      res.type("application/json; charset=utf-8");
      return write(body);
    };
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
