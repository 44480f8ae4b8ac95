package dev.tracegate.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The exporter's sender is built at its first export, once, and never after shutdown. */
class DeferredSendersTest {
  private static final MessageWriter EMPTY =
      new MessageWriter() {
        @Override
        public void writeMessage(OutputStream output) {}

        @Override
        public int getContentLength() {
          return 0;
        }
      };

  private final AtomicInteger built = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger shutDown = new AtomicInteger();
  private final HttpSenderProvider real =
      config -> {
        built.incrementAndGet();
        return new HttpSender() {
          @Override
          public void send(
              MessageWriter body,
              java.util.function.Consumer<HttpResponse> onResponse,
              java.util.function.Consumer<Throwable> onError) {
            sent.incrementAndGet();
          }

          @Override
          public CompletableResultCode shutdown() {
            shutDown.incrementAndGet();
            return CompletableResultCode.ofSuccess();
          }
        };
      };

  private HttpSender deferredSender(List<HttpSenderProvider> providers) {
    ComponentLoader loader =
        new DeferredSenders(
            new ComponentLoader() {
              @Override
              public <T> Iterable<T> load(Class<T> type) {
                List<T> found = new ArrayList<>();
                providers.forEach(provider -> found.add(type.cast(provider)));
                return found;
              }
            });
    return ComponentLoader.loadList(loader, HttpSenderProvider.class).get(0).createSender(null);
  }

  @Test
  void buildsTheSenderAtTheFirstSendOnly() {
    HttpSender sender = deferredSender(List.of(real));
    assertEquals(0, built.get(), "nothing built at deployment");
    sender.send(EMPTY, response -> {}, error -> {});
    sender.send(EMPTY, response -> {}, error -> {});
    assertEquals(1, built.get());
    assertEquals(2, sent.get());
    sender.shutdown();
    assertEquals(1, shutDown.get());
  }

  @Test
  void aSenderNeverUsedIsNeverBuilt() {
    HttpSender sender = deferredSender(List.of(real));
    assertTrue(sender.shutdown().isSuccess());
    List<Throwable> errors = new ArrayList<>();
    sender.send(EMPTY, response -> {}, errors::add);
    assertEquals(0, built.get());
    assertEquals(1, errors.size(), "a send after shutdown fails");
  }

  @Test
  void aSenderThatCannotBeBuiltFailsTheExportNotTheCaller() {
    IllegalArgumentException broken = new IllegalArgumentException("bad timeout");
    HttpSender sender =
        deferredSender(
            List.of(
                config -> {
                  throw broken;
                }));
    List<Throwable> errors = new ArrayList<>();
    sender.send(EMPTY, response -> {}, errors::add);
    assertSame(broken, errors.get(0));
  }

  @Test
  void leavesSeveralProvidersAsTheyAreForTheExporterToChoose() {
    HttpSenderProvider other = config -> null;
    HttpSender sender = deferredSender(List.of(real, other));
    assertInstanceOf(HttpSender.class, sender);
    assertEquals(1, built.get(), "the first provider itself was asked");
  }
}
