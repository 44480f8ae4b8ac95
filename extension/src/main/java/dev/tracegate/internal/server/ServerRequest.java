package dev.tracegate.internal.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An incoming request as the server filter and its span see it: the JAX-RS view plus the peer's
 * address, which JAX-RS has no API for. The address comes from the implementation's request object
 * where it offers one publicly (RESTEasy, as in Open Liberty: {@code
 * getHttpRequest().getRemoteAddress()}); else from the request property {@link #PEER_ADDRESS}, a
 * {@code Supplier<String>} that an earlier filter set (Jersey, as in GlassFish, tells the peer only
 * through the servlet request).
 */
public final class ServerRequest {
  /**
   * The request property holding a {@code Supplier<String>} of the peer's address, for
   * implementations whose request object does not tell it.
   */
  public static final String PEER_ADDRESS = "dev.tracegate.peerAddress";

  /**
   * {@code request.getHttpRequest().getRemoteAddress()} as one (Object)String handle, per request
   * class.
   */
  private static final ClassValue<Optional<MethodHandle>> PEER_ADDRESS_ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Optional<MethodHandle> computeValue(Class<?> requestContextClass) {
          try {
            Method httpRequest = requestContextClass.getMethod("getHttpRequest");
            Method remoteAddress = httpRequest.getReturnType().getMethod("getRemoteAddress");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle chained =
                MethodHandles.filterReturnValue(
                    lookup.unreflect(httpRequest), lookup.unreflect(remoteAddress));
            return Optional.of(chained.asType(MethodType.methodType(String.class, Object.class)));
          } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
          }
        }
      };

  final ContainerRequestContext request;
  // Read when first asked for: an unsampled or excluded request needs neither. The span's
  // attributes read the request URI several times, and RESTEasy parses a URI for each.
  private String peerAddress;
  private boolean peerAddressRead;
  private URI requestUri;

  public ServerRequest(ContainerRequestContext request) {
    this.request = request;
  }

  /** The peer's IP address, when the JAX-RS implementation tells it (read once). */
  String peerAddress() {
    if (!peerAddressRead) {
      peerAddress = peerAddress(request);
      peerAddressRead = true;
    }
    return peerAddress;
  }

  private static String peerAddress(ContainerRequestContext request) {
    Optional<MethodHandle> accessor = PEER_ADDRESS_ACCESSORS.get(request.getClass());
    if (accessor.isEmpty()) {
      return request.getProperty(PEER_ADDRESS) instanceof Supplier<?> supplier
          ? peerAddress(supplier)
          : null;
    }
    try {
      return (String) accessor.get().invokeExact((Object) request);
    } catch (RuntimeException | LinkageError e) {
      return null; // best effort (no HTTP request behind it, or it failed): the span has no peer
      // address
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      return null; // a checked exception of the implementation's
    }
  }

  private static String peerAddress(Supplier<?> supplier) {
    try {
      return supplier.get() instanceof String address ? address : null;
    } catch (RuntimeException | LinkageError e) {
      return null; // best effort, as above
    }
  }

  /** The request URI as the request arrived (read once). */
  URI requestUri() {
    if (requestUri == null) {
      requestUri = request.getUriInfo().getRequestUri();
    }
    return requestUri;
  }

  /** The raw path of the application's base URI: context root plus {@code @ApplicationPath}. */
  public String baseRawPath() {
    return request.getUriInfo().getBaseUri().getRawPath();
  }

  /**
   * The path of the application's base URI after the context root: {@code /api} for {@code
   * /shop/api/} with {@code @ApplicationPath("/api")}, "" when the application is at the root.
   * JAX-RS has no API for the context root: it is the base URI without the application's
   * {@code @ApplicationPath}. Without that annotation (a mapping in web.xml) the base URI counts as
   * the context root. The same for every request of an application, so callers keep it.
   *
   * @param baseRawPath what {@link #baseRawPath} gave
   * @param application the JAX-RS application (possibly a CDI proxy, or Jersey's configuration
   *     holding it), or null
   */
  public static String basePathAfterContextRoot(String baseRawPath, Object application) {
    String base = stripTrailingSlashes(baseRawPath);
    String applicationPath = applicationPath(application);
    if (applicationPath.isEmpty() || !base.endsWith("/" + applicationPath)) {
      return "";
    }
    return "/" + applicationPath;
  }

  /**
   * The request path after the context root ({@code /api/items/42} of {@code /shop/api/items/42}),
   * still encoded: the base path after the context root, then the path JAX-RS holds relative to the
   * base URI, which costs no URI parsing.
   *
   * @param basePathAfterContextRoot what {@link #basePathAfterContextRoot} gave for this
   *     application
   */
  public String pathAfterContextRoot(String basePathAfterContextRoot) {
    String relative = request.getUriInfo().getPath(false);
    if (relative == null || relative.isEmpty()) {
      return basePathAfterContextRoot.isEmpty() ? "/" : basePathAfterContextRoot;
    }
    return relative.startsWith("/")
        ? basePathAfterContextRoot + relative
        : basePathAfterContextRoot + "/" + relative;
  }

  /**
   * The {@code @ApplicationPath} value without slashes ("" for "/"); CDI proxies are subclasses,
   * hence the walk up.
   */
  static String applicationPath(Object application) {
    // Jersey injects its own configuration, which holds the application (getApplication()).
    for (int depth = 0; application != null && depth < 3; depth++) {
      Optional<String> path = APPLICATION_PATHS.get(application.getClass());
      if (path.isPresent()) {
        return path.get();
      }
      application = wrappedApplication(application);
    }
    return "";
  }

  /** The application a runtime's wrapper holds ({@code getApplication()}), or null. */
  private static Object wrappedApplication(Object wrapper) {
    try {
      Method getter = wrapper.getClass().getMethod("getApplication");
      if (!jakarta.ws.rs.core.Application.class.isAssignableFrom(getter.getReturnType())) {
        return null;
      }
      Object wrapped = getter.invoke(wrapper);
      return wrapped == wrapper ? null : wrapped;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Read once per application class: this runs on every request. Empty when no class up the
   * hierarchy has {@code @ApplicationPath}.
   */
  private static final ClassValue<Optional<String>> APPLICATION_PATHS =
      new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> applicationClass) {
          for (Class<?> type = applicationClass; type != null; type = type.getSuperclass()) {
            ApplicationPath path = type.getAnnotation(ApplicationPath.class);
            if (path != null) {
              String value =
                  path.value().endsWith("/*")
                      ? path.value().substring(0, path.value().length() - 2)
                      : path.value();
              String stripped = stripTrailingSlashes(value);
              int start = 0;
              while (start < stripped.length() && stripped.charAt(start) == '/') {
                start++;
              }
              return Optional.of(stripped.substring(start));
            }
          }
          return Optional.empty();
        }
      };

  private static String stripTrailingSlashes(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }
}
