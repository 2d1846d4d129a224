package dev.feedkit.example.pages;

import dev.feedkit.Accounts;
import dev.feedkit.Feed;
import dev.feedkit.FeedException;
import dev.feedkit.FollowState;
import dev.feedkit.Page;
import dev.feedkit.PageRequest;
import dev.feedkit.Post;
import dev.feedkit.PostId;
import dev.feedkit.Session;
import dev.feedkit.User;
import dev.feedkit.UserId;
import dev.feedkit.example.web.Authors;
import dev.feedkit.example.web.Errors;
import dev.feedkit.example.web.HttpError;
import dev.feedkit.example.web.Paging;
import dev.feedkit.example.web.Params;
import dev.feedkit.example.web.Routes;
import dev.feedkit.example.web.Web;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The HTML pages: sign-up, log-in, log-out, the home timeline with its compose box, profiles with
 * follow buttons, follower and following lists, user search and single posts. Every page is
 * rendered on the server and works without JavaScript; forms post back and are answered with a
 * redirect (303) or, when something was wrong, the same form with a message and a 4xx status.
 *
 * <p>A browser is logged in by an HttpOnly cookie holding its feedkit session token. Stateless
 * apart from that: every request reads what it needs from the feed.
 */
public final class Pages implements Routes {

  /** The cookie holding a logged-in browser's session token. */
  public static final String SESSION_COOKIE = "feedkit_session";

  private static final String ME = "pages.me";
  private static final int PAGE_SIZE = 20;

  private final Feed feed;
  private final Clock clock;
  private final Optional<DemoLogin> demoLogin;
  private final Templates templates = new Templates();
  private final Csrf csrf = new Csrf();

  /** An account the welcome and log-in pages offer to visitors who are just looking. */
  public record DemoLogin(String handle, String password) {}

  /**
   * The pages over {@code feed}.
   *
   * @param clock the clock for "3 min ago" and cookie ages
   * @param demoLogin the account to offer visitors, if there is one
   */
  public Pages(Feed feed, Clock clock, Optional<DemoLogin> demoLogin) {
    this.feed = feed;
    this.clock = clock;
    this.demoLogin = demoLogin;
  }

  @Override
  public void register(Service http) {
    http.get("/", this::home);
    http.get(
        "/signup",
        (req, res) ->
            me(req, res).isPresent() ? redirect(res, "/") : signUpForm(req, res, Map.of(), 200));
    http.post("/signup", this::signUp);
    http.get(
        "/login",
        (req, res) ->
            me(req, res).isPresent() ? redirect(res, "/") : logInForm(req, res, "", null, 200));
    http.post("/login", this::logIn);
    http.post("/logout", this::logOut);
    http.post("/posts", this::compose);
    http.get("/posts/:id", this::showPost);
    http.post("/posts/:id/delete", this::deletePost);
    http.get("/search", this::search);
    http.get("/users/:handle", this::profile);
    http.get("/users/:handle/followers", (req, res) -> connections(req, res, true));
    http.get("/users/:handle/following", (req, res) -> connections(req, res, false));
    http.post("/users/:handle/follow", (req, res) -> follow(req, res, true));
    http.post("/users/:handle/unfollow", (req, res) -> follow(req, res, false));
  }

  /** Renders the error page. */
  @Override
  public String errorBody(
      Request req, Response res, int status, String message, Optional<String> oauthCode) {
    Map<String, Object> model = model(req, res, "Error " + status);
    model.put("status", status);
    model.put("message", message);
    return render(res, "error", model);
  }

  // ---- home and compose

  private Object home(Request req, Response res) {
    Optional<User> me = me(req, res);
    if (me.isEmpty()) {
      return welcome(req, res);
    }
    return homePage(req, res, me.get(), "", null, 200);
  }

  private String homePage(
      Request req, Response res, User me, String draft, String error, int status) {
    OptionalLong maxId = Params.ofQuery(req).id("max_id");
    Page<Post> page = feed.homeTimeline(me.id(), Paging.below(maxId, PAGE_SIZE));
    res.status(status);
    Map<String, Object> model = model(req, res, "Home");
    model.put("counts", Views.counts(feed.counts(me.id())));
    model.put("posts", postViews(page.items(), Optional.of(me)));
    model.put("older", olderLink("/", page));
    model.put("draft", draft);
    model.put("error", error);
    model.put("paged", maxId.isPresent());
    return render(res, "home", model);
  }

  private String welcome(Request req, Response res) {
    Map<String, Object> model = model(req, res, "Welcome");
    model.put("people", feed.searchUsers("", 8).stream().map(Views::user).toList());
    return render(res, "welcome", model);
  }

  private Object compose(Request req, Response res) {
    Params form = Params.of(req);
    User me = requireMe(req, res, form);
    String text = form.text("text");
    try {
      feed.post(me.id(), text);
    } catch (FeedException e) {
      return homePage(req, res, me, text, Errors.message(e), Errors.status(e));
    }
    return redirect(res, "/");
  }

  private Object showPost(Request req, Response res) {
    long id = Params.parseId("post id", req.params("id"));
    Post post =
        feed.postById(PostId.of(id))
            .orElseThrow(
                () -> HttpError.notFound("there is no post " + id + "; it may have been deleted"));
    Map<String, Object> model = model(req, res, "Post");
    model.put("posts", postViews(List.of(post), me(req, res)));
    return render(res, "post", model);
  }

  private Object deletePost(Request req, Response res) {
    Params form = Params.of(req);
    User me = requireMe(req, res, form);
    long id = Params.parseId("post id", req.params("id"));
    feed.delete(me.id(), PostId.of(id));
    return redirect(res, localPath(form.text("return")));
  }

  // ---- sign-up, log-in, log-out

  private String signUpForm(Request req, Response res, Map<String, String> values, int status) {
    res.status(status);
    Map<String, Object> model = model(req, res, "Sign up");
    model.put("handle", values.getOrDefault("handle", ""));
    model.put("displayName", values.getOrDefault("displayName", ""));
    model.put("error", values.get("error"));
    return render(res, "signup", model);
  }

  private Object signUp(Request req, Response res) {
    Params form = Params.of(req);
    csrf.check(req, form, sessionToken(req));
    String handle = form.text("handle").strip();
    String displayName = form.text("display_name");
    String password = form.text("password");
    Accounts accounts = feed.accounts();
    Session session;
    try {
      session =
          accounts.signUpAndLogIn(handle, password, displayName.isBlank() ? handle : displayName);
    } catch (FeedException e) {
      Errors.setRetryAfter(res, e);
      Map<String, String> values = new HashMap<>();
      values.put("handle", handle);
      values.put("displayName", displayName);
      values.put("error", Errors.message(e));
      return signUpForm(req, res, values, Errors.status(e));
    }
    startSession(req, res, session);
    return redirect(res, "/");
  }

  private String logInForm(Request req, Response res, String handle, String error, int status) {
    res.status(status);
    Map<String, Object> model = model(req, res, "Log in");
    model.put("handle", handle);
    model.put("error", error);
    return render(res, "login", model);
  }

  private Object logIn(Request req, Response res) {
    Params form = Params.of(req);
    csrf.check(req, form, sessionToken(req));
    String handle = form.text("handle").strip();
    try {
      Session session = feed.accounts().logIn(handle, form.text("password"), Web.clientKey(req));
      startSession(req, res, session);
    } catch (FeedException e) {
      Errors.setRetryAfter(res, e);
      return logInForm(req, res, handle, Errors.message(e), Errors.status(e));
    }
    return redirect(res, "/");
  }

  private Object logOut(Request req, Response res) {
    Params form = Params.of(req);
    Optional<String> token = sessionToken(req);
    csrf.check(req, form, token);
    token.ifPresent(t -> feed.accounts().logOut(t));
    Web.clearCookie(req, res, SESSION_COOKIE);
    return redirect(res, "/");
  }

  private void startSession(Request req, Response res, Session session) {
    Duration maxAge = Duration.between(clock.instant(), session.expiresAt());
    Web.setCookie(req, res, SESSION_COOKIE, session.token(), maxAge);
  }

  // ---- profiles, follows, search

  private Object profile(Request req, Response res) {
    User user = userByHandle(req.params("handle"));
    Optional<User> me = me(req, res);
    PageRequest request = Paging.below(Params.ofQuery(req).id("max_id"), PAGE_SIZE);
    Page<Post> page = feed.userTimeline(user.id(), request);
    Map<String, Object> model = model(req, res, user.displayName() + " (@" + user.handle() + ")");
    model.put("user", Views.user(user));
    model.put("counts", Views.counts(feed.counts(user.id())));
    model.put("self", me.map(m -> m.id().equals(user.id())).orElse(false));
    FollowState state =
        me.map(m -> feed.followStates(m.id(), List.of(user.id())).get(user.id()))
            .orElse(FollowState.NONE);
    model.put("following", state.following());
    model.put("followsYou", state.followedBy());
    model.put("posts", postViews(page.items(), me));
    model.put("older", olderLink("/users/" + user.handle(), page));
    return render(res, "profile", model);
  }

  private Object connections(Request req, Response res, boolean followers) {
    User user = userByHandle(req.params("handle"));
    PageRequest request = Paging.below(Params.ofQuery(req).id("max_id"), PAGE_SIZE);
    Page<User> page =
        followers ? feed.followers(user.id(), request) : feed.following(user.id(), request);
    String what = followers ? "followers" : "following";
    Map<String, Object> model =
        model(req, res, (followers ? "Followers of " : "Followed by ") + user.displayName());
    model.put("user", Views.user(user));
    model.put("what", what);
    model.put("people", page.items().stream().map(Views::user).toList());
    model.put("older", olderLink("/users/" + user.handle() + "/" + what, page));
    return render(res, "connections", model);
  }

  private Object follow(Request req, Response res, boolean follow) {
    Params form = Params.of(req);
    User me = requireMe(req, res, form);
    User user = userByHandle(req.params("handle"));
    if (follow) {
      feed.follow(me.id(), user.id());
    } else {
      feed.unfollow(me.id(), user.id());
    }
    return redirect(res, "/users/" + user.handle());
  }

  private Object search(Request req, Response res) {
    String q = Params.ofQuery(req).text("q").strip();
    Map<String, Object> model = model(req, res, q.isEmpty() ? "Search" : "Search: " + q);
    model.put("q", q);
    model.put(
        "people",
        q.isEmpty() ? List.of() : feed.searchUsers(q, 40).stream().map(Views::user).toList());
    return render(res, "search", model);
  }

  // ---- helpers

  private User userByHandle(String handle) {
    return feed.userByHandle(handle)
        .orElseThrow(() -> HttpError.notFound("there is nobody called @" + Params.shorten(handle)));
  }

  /** The posts with their authors, read in one batch; posts whose author is gone are left out. */
  private List<Views.PostView> postViews(List<Post> posts, Optional<User> me) {
    Map<UserId, User> authors = Authors.of(feed, posts, me);
    List<Views.PostView> views = new ArrayList<>(posts.size());
    for (Post post : posts) {
      User author = authors.get(post.author());
      if (author != null) {
        boolean mine = me.map(m -> m.id().equals(post.author())).orElse(false);
        views.add(Views.post(post, author, mine, clock));
      }
    }
    return views;
  }

  private static <T> String olderLink(String path, Page<T> page) {
    return page.next()
        .flatMap(
            next ->
                next.maxId().isPresent()
                    ? Optional.of(path + "?max_id=" + next.maxId().getAsLong())
                    : Optional.empty())
        .orElse(null);
  }

  private Map<String, Object> model(Request req, Response res, String title) {
    Optional<User> me = me(req, res);
    Map<String, Object> model = new HashMap<>();
    model.put("title", title);
    model.put("me", me.map(Views::user).orElse(null));
    model.put(
        "csrf", csrf.tokenFor(req, res, me.isPresent() ? sessionToken(req) : Optional.empty()));
    model.put("path", Web.path(req));
    model.put("demo", demoLogin.orElse(null));
    model.put("error", null);
    return model;
  }

  private String render(Response res, String template, Map<String, Object> model) {
    res.type("text/html; charset=utf-8");
    return templates.render(template, model);
  }

  private static Object redirect(Response res, String path) {
    res.redirect(path, 303);
    return "";
  }

  /** A path on this site to go back to; anything else (another site, a scheme) goes home. */
  private static String localPath(String path) {
    return path.startsWith("/")
            && !path.startsWith("//")
            && !path.contains("\\")
            && path.chars().noneMatch(c -> c < 0x21)
        ? path
        : "/";
  }

  /** The logged-in user, after checking the form's CSRF token; logged-out browsers get 401. */
  private User requireMe(Request req, Response res, Params form) {
    Optional<String> token = sessionToken(req);
    csrf.check(req, form, token);
    return me(req, res)
        .orElseThrow(
            () ->
                HttpError.unauthorized(
                    "you are not logged in (or your session has ended); log in and try again"));
  }

  private static Optional<String> sessionToken(Request req) {
    return Optional.ofNullable(req.cookie(SESSION_COOKIE)).filter(t -> !t.isEmpty());
  }

  /** The user of the session cookie, looked up once per request; a dead cookie is deleted. */
  private Optional<User> me(Request req, Response res) {
    Optional<User> cached = req.attribute(ME);
    if (cached != null) {
      return cached;
    }
    Optional<String> token = sessionToken(req);
    Optional<User> me = Optional.empty();
    if (token.isPresent()) {
      me = feed.accounts().authenticate(token.get()).flatMap(feed::user);
      if (me.isEmpty()) {
        Web.clearCookie(req, res, SESSION_COOKIE);
      }
    }
    req.attribute(ME, me);
    return me;
  }
}
