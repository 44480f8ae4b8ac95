package dev.tracegate.internal.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.ext.AsyncInvocationInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestClientContextTest {
  private final ExecutorService sendingThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    sendingThread.shutdownNow();
  }

  @Test
  void anAsyncCallSeesTheCallersContextAndLeavesNothingOnTheSendingThread() throws Exception {
    Baggage callers = Baggage.builder().put("user", "caller").build();
    AsyncInvocationInterceptor call = new RestClientContext().newInterceptor();
    try (Scope scope = callers.makeCurrent()) {
      call.prepareContext();
    }
    String seenDuringCall =
        sendingThread
            .submit(
                () -> {
                  call.applyContext();
                  try {
                    return Baggage.current().getEntryValue("user");
                  } finally {
                    call.removeContext();
                  }
                })
            .get(10, TimeUnit.SECONDS);
    assertEquals("caller", seenDuringCall);
    assertSame(Context.root(), sendingThread.submit(Context::current).get(10, TimeUnit.SECONDS));
  }
}
