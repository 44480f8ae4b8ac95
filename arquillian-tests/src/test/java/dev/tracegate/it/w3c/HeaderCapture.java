package dev.tracegate.it.w3c;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A downstream service on a loopback socket that records each request's header lines exactly as
 * they arrived, before any HTTP library could join, trim or drop them.
 */
final class HeaderCapture {
  private static final HeaderCapture SHARED = start();

  private final ServerSocket socket;
  private final Map<String, Request> requests = new ConcurrentHashMap<>();

  /** One received request: its header lines in order, as name and raw value (after the colon). */
  record Request(List<Map.Entry<String, String>> headers) {
    /** Every value of the header, matched case-insensitively, untrimmed. */
    List<String> all(String name) {
      return headers.stream()
          .filter(h -> h.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .toList();
    }

    /** The header's value, trimmed of the OWS HTTP allows after the colon; null when absent. */
    String single(String name) {
      List<String> values = all(name);
      if (values.size() > 1) {
        throw new AssertionError(name + " sent " + values.size() + " times: " + values);
      }
      return values.isEmpty() ? null : values.get(0).strip();
    }
  }

  private HeaderCapture(ServerSocket socket) {
    this.socket = socket;
  }

  static HeaderCapture shared() {
    return SHARED;
  }

  private static HeaderCapture start() {
    try {
      HeaderCapture capture =
          new HeaderCapture(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      Thread acceptor = new Thread(capture::acceptAll, "w3c-header-capture");
      acceptor.setDaemon(true);
      acceptor.start();
      return capture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new URL on this capture; what is sent to it is later read with {@link #await}. */
  String newUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/hop/" + UUID.randomUUID();
  }

  Request await(String url, Duration timeout) {
    String path = url.substring(url.indexOf("/hop/"));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Request request = requests.get(path);
      if (request != null) {
        return request;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("nothing received at " + url);
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread handler = new Thread(() -> serve(connection), "w3c-header-capture-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
      String requestLine = in.readLine();
      if (requestLine == null) {
        return;
      }
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        headers.add(
            Map.entry(
                line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1)));
      }
      requests.put(requestLine.split(" ")[1], new Request(List.copyOf(headers)));
      OutputStream out = connection.getOutputStream();
      out.write(
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      // The caller sees a failed call; the test then finds nothing captured and says so.
    }
  }
}
