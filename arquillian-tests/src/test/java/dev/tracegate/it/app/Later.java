package dev.tracegate.it.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Completes a stage after a delay, on a thread of its own that ends with it. Not on the JDK's
 * shared {@code CompletableFuture.delayedExecutor} thread: that thread keeps the context class
 * loader of the first application that used it, and hands it, after that application is gone, to
 * later applications' tasks.
 */
public final class Later {
  private Later() {}

  /** A stage that completes with {@code value} {@code millis} from now, on thread {@code name}. */
  public static <T> CompletionStage<T> complete(T value, long millis, String name) {
    CompletableFuture<T> stage = new CompletableFuture<>();
    Thread completer =
        new Thread(
            () -> {
              try {
                TimeUnit.MILLISECONDS.sleep(millis);
                stage.complete(value);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stage.completeExceptionally(e);
              }
            },
            name);
    completer.setDaemon(true);
    completer.start();
    return stage;
  }
}
