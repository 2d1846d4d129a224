package dev.feedkit.example.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import spark.Request;
import spark.Response;

/** Small HTTP helpers shared by the pages and the API: client identity, origins, cookies. */
public final class Web {

  /** A Host header this app will echo back into links: a host name or address and a port. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

  private Web() {}

  /** The request attribute holding the server's {@link TrustedProxies}. */
  static final String TRUSTED_PROXIES = "feedkit.trustedProxies";

  /**
   * What identifies the client for throttling and rate limits: its address, or, when the
   * connection comes from a trusted proxy, the address the proxy saw, from the last entry of
   * {@code X-Forwarded-For}. Other hosts cannot choose their key by sending the header.
   */
  public static String clientKey(Request request) {
    String remote = request.raw().getRemoteAddr();
    String forwarded = request.headers("X-Forwarded-For");
    if (forwarded != null && fromTrustedProxy(request)) {
      String[] hops = forwarded.split(",");
      String last = hops[hops.length - 1].strip();
      if (!last.isEmpty() && last.length() <= 64) {
        return last;
      }
    }
    return remote;
  }

  private static boolean fromTrustedProxy(Request request) {
    Object proxies = request.raw().getAttribute(TRUSTED_PROXIES);
    return proxies instanceof TrustedProxies trusted
        && trusted.trusts(request.raw().getRemoteAddr());
  }

  /**
   * Whether the request came over TLS: to this server, or to a trusted proxy in front of it that
   * says so in {@code X-Forwarded-Proto}.
   */
  static boolean secure(Request request) {
    return request.raw().isSecure()
        || ("https"
                .equalsIgnoreCase(
                    Optional.ofNullable(request.headers("X-Forwarded-Proto")).orElse(""))
            && fromTrustedProxy(request));
  }

  /** The origin the client used, such as {@code http://127.0.0.1:4567}, for absolute links. */
  public static String baseUrl(Request request) {
    String host = Optional.ofNullable(request.headers("Host")).orElse("");
    if (!HOST.matcher(host).matches()) {
      host = request.raw().getLocalAddr() + ":" + request.raw().getLocalPort();
    }
    return (secure(request) ? "https" : "http") + "://" + host.toLowerCase(Locale.ROOT);
  }

  /**
   * The request's path as the client sent it, still percent-encoded (so it holds no control
   * characters) and never null. Spark's {@code pathInfo()} is null on Jetty 12, whose servlet
   * context maps the whole path to the servlet path.
   */
  public static String path(Request request) {
    String uri = request.raw().getRequestURI();
    return uri == null || uri.isEmpty() ? "/" : uri;
  }

  /** Whether a request path belongs to the JSON API, which answers errors in JSON. */
  static boolean isApi(Request request) {
    String path = path(request);
    return path != null && (path.startsWith("/api/") || path.startsWith("/oauth/"));
  }

  /**
   * Sets an HttpOnly, SameSite=Lax cookie for the whole site, Secure when the request came over
   * TLS. Spark's own cookie method cannot set SameSite, so the header is written directly; values
   * are URL-safe tokens and need no quoting.
   *
   * @param maxAge how long the browser keeps it; {@code null} for the browser session, zero to
   *     delete it
   */
  public static void setCookie(
      Request request, Response response, String name, String value, Duration maxAge) {
    StringBuilder cookie =
        new StringBuilder(name)
            .append('=')
            .append(value)
            .append("; Path=/; HttpOnly; SameSite=Lax");
    if (maxAge != null) {
      cookie.append("; Max-Age=").append(Math.max(0, maxAge.toSeconds()));
    }
    if (secure(request)) {
      cookie.append("; Secure");
    }
    response.raw().addHeader("Set-Cookie", cookie.toString());
  }

  /** Deletes a cookie set by {@link #setCookie}. */
  public static void clearCookie(Request request, Response response, String name) {
    setCookie(request, response, name, "", Duration.ZERO);
  }
}
