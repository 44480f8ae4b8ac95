package dev.tracegate.internal.export;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The application's component loader for autoconfigure, with the OTLP exporters' HTTP and gRPC
 * senders built at their first export, on the export thread, instead of at deployment: building one
 * (the JDK's {@code HttpClient} with its TLS set-up, or OkHttp) is the largest part of the SDK's
 * build, and nothing needs it before the batch processor's first export. Spans ended before then
 * wait in the queue as always. An error in building the sender fails that export (counted in the
 * loss report) instead of the deployment.
 *
 * <p>Only a lone sender provider is deferred: when the application brings its own as well, the
 * exporter chooses among them by class name, so they are left as they are.
 */
public final class DeferredSenders implements ComponentLoader {
  private final ComponentLoader delegate;

  public DeferredSenders(ComponentLoader delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> Iterable<T> load(Class<T> type) {
    if (type != HttpSenderProvider.class && type != GrpcSenderProvider.class) {
      return delegate.load(type);
    }
    List<T> providers = ComponentLoader.loadList(delegate, type);
    if (providers.size() != 1) {
      return providers;
    }
    Object provider = providers.get(0);
    Object deferred =
        provider instanceof HttpSenderProvider http
            ? (HttpSenderProvider) config -> new DeferredHttpSender(() -> http.createSender(config))
            : (GrpcSenderProvider)
                config ->
                    new DeferredGrpcSender(
                        () -> ((GrpcSenderProvider) provider).createSender(config));
    return List.of(type.cast(deferred));
  }

  /** Builds its sender once, at the first send. */
  private abstract static class Deferred<S> {
    private final Supplier<S> build;
    private S sender;
    private boolean shutDown;

    Deferred(Supplier<S> build) {
      this.build = build;
    }

    /** The sender, built now if this is the first send; null once shut down. */
    final synchronized S sender() {
      if (sender == null && !shutDown) {
        sender = build.get();
      }
      return sender;
    }

    /**
     * The sender for one send, built now if this is the first; or null, with {@code onError} told
     * why (the build failed, or the exporter was shut down).
     */
    final S senderFor(Consumer<Throwable> onError) {
      S sender;
      try {
        sender = sender();
      } catch (RuntimeException e) {
        onError.accept(e);
        return null;
      }
      if (sender == null) {
        onError.accept(new IllegalStateException("exporter shut down"));
      }
      return sender;
    }

    /** The sender to shut down, if one was ever built; none is built after this. */
    final synchronized S shutDown() {
      shutDown = true;
      return sender;
    }
  }

  static final class DeferredHttpSender extends Deferred<HttpSender> implements HttpSender {
    DeferredHttpSender(Supplier<HttpSender> build) {
      super(build);
    }

    @Override
    public void send(
        MessageWriter body, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
      HttpSender sender = senderFor(onError);
      if (sender != null) {
        sender.send(body, onResponse, onError);
      }
    }

    @Override
    public CompletableResultCode shutdown() {
      HttpSender sender = shutDown();
      return sender == null ? CompletableResultCode.ofSuccess() : sender.shutdown();
    }
  }

  static final class DeferredGrpcSender extends Deferred<GrpcSender> implements GrpcSender {
    DeferredGrpcSender(Supplier<GrpcSender> build) {
      super(build);
    }

    @Override
    public void send(
        MessageWriter request, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
      GrpcSender sender = senderFor(onError);
      if (sender != null) {
        sender.send(request, onResponse, onError);
      }
    }

    @Override
    public CompletableResultCode shutdown() {
      GrpcSender sender = shutDown();
      return sender == null ? CompletableResultCode.ofSuccess() : sender.shutdown();
    }
  }
}
