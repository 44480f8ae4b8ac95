package dev.tracegate.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A collector address whose behaviour a test switches over real sockets: refusing (nothing
 * listens), black-holed (connections are accepted and never answered), slow (each connection is
 * forwarded only after a delay), or forwarding every byte to the shared {@link OtlpReceiver} (the
 * collector is back). New connections follow the current mode.
 */
final class SwitchableCollector {
  enum Mode {
    REFUSE,
    BLACK_HOLE,
    SLOW,
    FORWARD
  }

  private final InetAddress loopback = InetAddress.getLoopbackAddress();
  private final int port;
  private final InetSocketAddress receiver;
  private final List<Socket> connections = new ArrayList<>();
  private volatile Mode mode = Mode.REFUSE;
  private volatile long slowMillis;
  private ServerSocket listener;

  /** Starts refusing: the port is reserved, then released, so nothing listens on it yet. */
  SwitchableCollector() {
    try (ServerSocket reserve = new ServerSocket(0, 50, loopback)) {
      port = reserve.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    receiver =
        new InetSocketAddress(loopback, URI.create(OtlpReceiver.shared().endpoint()).getPort());
  }

  /** The OTLP/HTTP endpoint of this collector. */
  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  synchronized void refuse() {
    mode = Mode.REFUSE;
    closeConnections();
    if (listener != null) {
      close(listener);
      listener = null;
    }
  }

  synchronized void blackHole() {
    mode = Mode.BLACK_HOLE;
    closeConnections();
    listen();
  }

  /**
   * Forwards each new connection only after {@code delayMillis}: a collector slower than the
   * exporter's timeout.
   */
  synchronized void slow(long delayMillis) {
    mode = Mode.SLOW;
    slowMillis = delayMillis;
    closeConnections();
    listen();
  }

  synchronized void forward() {
    mode = Mode.FORWARD;
    closeConnections(); // connections held by the black hole fail now; the exporter opens new ones
    listen();
  }

  private void listen() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(loopback, port), 50);
      listener = socket;
      Thread acceptor = new Thread(() -> accept(socket), "collector-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        synchronized (this) {
          connections.add(connection);
          if (mode == Mode.FORWARD) {
            forward(connection);
          } else if (mode == Mode.SLOW) {
            long delay = slowMillis;
            Thread later =
                new Thread(
                    () -> {
                      try {
                        Thread.sleep(delay);
                        synchronized (this) {
                          forward(connection);
                        }
                      } catch (InterruptedException | IOException e) {
                        close(connection);
                      }
                    },
                    "collector-slow");
            later.setDaemon(true);
            later.start();
          }
          // BLACK_HOLE: keep the connection open and never read or answer.
        }
      } catch (IOException e) {
        // the listener was closed (refuse) or one connection failed: the loop condition decides
      }
    }
  }

  private void forward(Socket connection) throws IOException {
    Socket upstream = new Socket(receiver.getAddress(), receiver.getPort());
    connections.add(upstream);
    pipe(connection, upstream);
    pipe(upstream, connection);
  }

  private static void pipe(Socket from, Socket to) {
    Thread copier =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // either side closed
              } finally {
                close(from);
                close(to);
              }
            },
            "collector-pipe");
    copier.setDaemon(true);
    copier.start();
  }

  private void closeConnections() {
    connections.forEach(SwitchableCollector::close);
    connections.clear();
  }

  private static void close(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
