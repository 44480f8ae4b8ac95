package dev.tracegate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP from the test JVM to the server under test, with the headers a test chooses. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern TRACEPARENT =
      Pattern.compile("traceparent=(00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2}))");

  private Http() {}

  public static HttpResponse<String> get(String url, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
  }

  public static HttpResponse<String> post(String url, String body, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "text/plain"),
        headers);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The n-th (0-based) {@code traceparent} an echo endpoint reported in a response body. */
  public static Traceparent echoedTraceparent(String body, int n) {
    Matcher matcher = TRACEPARENT.matcher(body);
    for (int i = 0; i <= n; i++) {
      if (!matcher.find()) {
        throw new AssertionError("no traceparent #" + n + " in: " + body);
      }
    }
    return new Traceparent(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
  }

  /** A parsed version-00 {@code traceparent}. */
  public record Traceparent(String value, String traceId, String parentId, String flags) {
    public boolean sampled() {
      return (Integer.parseInt(flags, 16) & 1) == 1;
    }
  }
}
