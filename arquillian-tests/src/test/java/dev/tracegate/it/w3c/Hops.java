package dev.tracegate.it.w3c;

import dev.tracegate.it.TestServer;
import dev.tracegate.it.app.CallResource;
import dev.tracegate.it.app.TestApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One hop through a traced application: raw HTTP/1.1 with exactly the header lines a test writes
 * goes in (over a plain socket, so repeated headers, tabs and odd names arrive as written), the
 * application makes its outbound JAX-RS Client calls to {@link HeaderCapture}, and the test reads
 * what each call carried.
 */
final class Hops {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT_ID = "00f067aa0ba902b7";
  static final String VALID = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  private Hops() {}

  /** The test WAR: every new trace recorded, an endpoint that calls the URLs it is given. */
  static WebArchive war(String name) {
    return TestServer.war(
        name, Map.of("tracing.random_sampling", "100"), TestApplication.class, CallResource.class);
  }

  /** The result of one inbound request: its status and what each of its outbound calls carried. */
  record Hop(int status, String body, List<HeaderCapture.Request> calls) {
    HeaderCapture.Request call() {
      return calls.get(0);
    }

    /** The first outbound traceparent's trace id. */
    String forwardedTraceId() {
      return call().single("traceparent").split("-")[1];
    }
  }

  /**
   * Sends {@code POST /api/call} with the given raw header lines; the application calls the capture
   * {@code calls} times.
   */
  static Hop through(URL base, int calls, String... headerLines) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      urls.add(HeaderCapture.shared().newUrl());
    }
    String body = String.join("\n", urls);
    StringBuilder request =
        new StringBuilder()
            .append("POST ")
            .append(base.getPath())
            .append("api/call HTTP/1.1\r\n")
            .append("Host: ")
            .append(base.getHost())
            .append(':')
            .append(base.getPort())
            .append("\r\n")
            .append("Content-Type: text/plain\r\n")
            .append("Content-Length: ")
            .append(body.getBytes(StandardCharsets.ISO_8859_1).length)
            .append("\r\n")
            .append("Connection: close\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    request.append("\r\n").append(body);
    String response = exchange(base, request.toString());
    int status = Integer.parseInt(response.substring(9, 12));
    String responseBody = response.substring(response.indexOf("\r\n\r\n") + 4);
    List<HeaderCapture.Request> received = new ArrayList<>();
    if (status == 200) {
      for (String url : urls) {
        received.add(HeaderCapture.shared().await(url, Duration.ofSeconds(10)));
      }
    }
    return new Hop(status, responseBody, received);
  }

  private static String exchange(URL base, String request) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Random lowercase hex of an even length, never all zeros. */
  static String randomHex(int length) {
    byte[] bytes = new byte[length / 2];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] |= 0x10;
    return HexFormat.of().formatHex(bytes);
  }
}
