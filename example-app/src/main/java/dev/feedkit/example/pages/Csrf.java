package dev.feedkit.example.pages;

import dev.feedkit.example.web.HttpError;
import dev.feedkit.example.web.Params;
import dev.feedkit.example.web.Web;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import spark.Request;
import spark.Response;

/**
 * Cross-site request forgery tokens for every form. A form's token is an HMAC, under a key made
 * at start-up, of what identifies the browser: the session token once logged in, otherwise a
 * random cookie set on the first page. A forged form from another site cannot know it, and a
 * token from one session is worthless in another. A POST must also not come from another origin
 * when the browser says where it came from.
 *
 * <p>Thread-safe: the key never changes and each call makes its own {@link Mac}.
 */
final class Csrf {

  static final String FIELD = "csrf";
  static final String COOKIE = "feedkit_anon";

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  Csrf() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * The token for the forms of this page, setting the anonymous cookie when the browser has none.
   *
   * @param sessionToken the session cookie's token, if the browser is logged in
   */
  String tokenFor(Request request, Response response, Optional<String> sessionToken) {
    if (sessionToken.isPresent()) {
      return mac("session:" + sessionToken.get());
    }
    String anon = request.cookie(COOKIE);
    if (anon == null || anon.length() < 20) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      anon = BASE64.encodeToString(bytes);
      Web.setCookie(request, response, COOKIE, anon, null);
    }
    return mac("anon:" + anon);
  }

  /**
   * Checks the token of a submitted form.
   *
   * @throws HttpError 403 when the token is missing or wrong, or the form came from elsewhere
   */
  void check(Request request, Params form, Optional<String> sessionToken) {
    String origin = request.headers("Origin");
    if (origin != null && !origin.equals("null") && !sameOrigin(origin, Web.baseUrl(request))) {
      throw HttpError.forbidden("this form was sent from another site; use the form on this site");
    }
    String sent = form.text(FIELD);
    String anon = request.cookie(COOKIE);
    boolean ok =
        sessionToken.map(token -> matches(sent, mac("session:" + token))).orElse(false)
            || anon != null && matches(sent, mac("anon:" + anon));
    if (!ok) {
      throw HttpError.forbidden(
          "the form has expired or was not sent from this site; reload the page and try again");
    }
  }

  private static boolean sameOrigin(String origin, String base) {
    try {
      URI a = URI.create(origin);
      URI b = URI.create(base);
      return a.getScheme() != null
          && a.getScheme().equalsIgnoreCase(b.getScheme())
          && a.getHost() != null
          && a.getHost().equalsIgnoreCase(b.getHost())
          && effectivePort(a) == effectivePort(b);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static boolean matches(String sent, String expected) {
    return !sent.isEmpty()
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private String mac(String subject) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return BASE64.encodeToString(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
