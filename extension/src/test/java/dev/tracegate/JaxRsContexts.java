package dev.tracegate;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JAX-RS contexts a server or client hands Tracegate's filters, for the tests: each answers
 * only what the filters read (method, URI, headers, properties, the status), as the JAX-RS
 * implementation would; anything else a test touches fails loudly, naming the method.
 */
public final class JaxRsContexts {
  private JaxRsContexts() {}

  /** A request as a JAX-RS server hands it to a request filter. */
  public static IncomingRequest incoming(String method, String requestUri) {
    return new IncomingRequest(method, URI.create(requestUri));
  }

  /**
   * A request of which a test only gives the header lines (name, value), in the order they arrived.
   */
  public static ContainerRequestContext headersOnly(List<Map.Entry<String, String>> headerLines) {
    IncomingRequest request = new IncomingRequest(null, null);
    headerLines.forEach(line -> request.header(line.getKey(), line.getValue()));
    return request.context();
  }

  /** The response a server filter sees. */
  public static ContainerResponseContext response(int status) {
    return fake(
        ContainerResponseContext.class, "response " + status, Map.of("getStatus", args -> status));
  }

  /** A request a JAX-RS client is about to send; the filters add its headers and properties. */
  public static ClientRequestContext outgoing(String method, String uri) {
    MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
    Map<String, Function<Object[], Object>> answers = new HashMap<>(properties(new HashMap<>()));
    answers.put("getMethod", args -> method);
    answers.put("getUri", args -> URI.create(uri));
    answers.put("getHeaders", args -> headers);
    return fake(ClientRequestContext.class, method + " " + uri, answers);
  }

  /** The response a client filter sees. */
  public static ClientResponseContext outgoingResponse(int status) {
    return fake(
        ClientResponseContext.class, "response " + status, Map.of("getStatus", args -> status));
  }

  /**
   * A RESTEasy-like request: ServerRequest finds the peer's address through
   * getHttpRequest().getRemoteAddress().
   */
  public interface PeerAwareRequestContext extends ContainerRequestContext {
    RemoteAddress getHttpRequest();
  }

  /** The part of RESTEasy's HTTP request that tells the peer's address. */
  public interface RemoteAddress {
    String getRemoteAddress();
  }

  /** An incoming request being described; {@link #context()} is what the server filter receives. */
  public static final class IncomingRequest {
    private final String method;
    private final URI requestUri;
    private URI baseUri;
    private String peer;
    private boolean httpRequest = true;
    // Names case-insensitive, each name's values in order, as JAX-RS hands them over.
    private final MultivaluedMap<String, String> headers =
        new AbstractMultivaluedMap<>(new TreeMap<>(String.CASE_INSENSITIVE_ORDER)) {};
    private ContainerRequestContext context;

    private IncomingRequest(String method, URI requestUri) {
      this.method = method;
      this.requestUri = requestUri;
      this.baseUri = requestUri == null ? null : requestUri.resolve("/");
    }

    /**
     * The application's base URI (context root and {@code @ApplicationPath}); the server's root
     * unless given.
     */
    public IncomingRequest base(String uri) {
      baseUri = URI.create(uri);
      return this;
    }

    public IncomingRequest header(String name, String value) {
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      return this;
    }

    public IncomingRequest headers(Map<String, String> values) {
      values.forEach(this::header);
      return this;
    }

    /** The peer's IP address, as RESTEasy tells it. */
    public IncomingRequest peer(String address) {
      peer = address;
      return this;
    }

    /**
     * A request object without RESTEasy's {@code getHttpRequest()}, as Jersey's: the peer's address
     * is not in it.
     */
    public IncomingRequest withoutHttpRequest() {
      httpRequest = false;
      return this;
    }

    /** The request context, the same one each time it is asked for. */
    public ContainerRequestContext context() {
      if (context == null) {
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("getHeaders", args -> headers);
        if (requestUri != null) {
          answers.putAll(properties(new HashMap<>()));
          UriInfo uriInfo = uriInfo(requestUri, baseUri);
          answers.put("getMethod", args -> method);
          answers.put("getUriInfo", args -> uriInfo);
          RemoteAddress remote = () -> peer;
          answers.put("getHttpRequest", args -> remote);
        }
        String description =
            requestUri == null
                ? "request with headers " + headers.keySet()
                : method + " " + requestUri;
        context =
            httpRequest
                ? fake(PeerAwareRequestContext.class, description, answers)
                : fake(ContainerRequestContext.class, description, answers);
      }
      return context;
    }
  }

  /**
   * The URIs of a request; the path relative to the base URI is worked out once, as RESTEasy does.
   */
  private static UriInfo uriInfo(URI requestUri, URI baseUri) {
    String path = requestUri.getRawPath();
    String relative =
        "/"
            + path.substring(Math.min(baseUri.getRawPath().length(), path.length()))
                .replaceFirst("^/", "");
    return fake(
        UriInfo.class,
        "uri info of " + requestUri,
        Map.of(
            "getRequestUri", args -> requestUri,
            "getBaseUri", args -> baseUri,
            "getPath", args -> relative));
  }

  /** A request's properties, where the filters keep their call between request and response. */
  private static Map<String, Function<Object[], Object>> properties(
      Map<String, Object> properties) {
    return Map.of(
        "getProperty", args -> properties.get((String) args[0]),
        "setProperty", args -> properties.put((String) args[0], args[1]),
        "removeProperty", args -> properties.remove((String) args[0]),
        "getPropertyNames", args -> List.copyOf(properties.keySet()));
  }

  private static <T> T fake(
      Class<T> type, String description, Map<String, Function<Object[], Object>> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            JaxRsContexts.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              Function<Object[], Object> answer = answers.get(method.getName());
              if (answer != null) {
                Object result = answer.apply(args);
                return method.getReturnType() == void.class ? null : result;
              }
              return switch (method.getName()) {
                case "toString" -> description;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default ->
                    throw new UnsupportedOperationException(
                        method.getName() + " is not part of " + description);
              };
            }));
  }
}
