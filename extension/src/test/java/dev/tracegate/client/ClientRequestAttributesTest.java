package dev.tracegate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.net.URI;
import jakarta.ws.rs.client.ClientRequestContext;
import org.junit.jupiter.api.Test;

class ClientRequestAttributesTest {
  private final ClientRequestAttributes attributes = new ClientRequestAttributes();

  @Test
  void credentialsInUrlAreNeverRecorded() {
    ClientRequestContext request = requestTo("https://user:secret@api.example.com:8443/v1/pay?id=7");
    assertEquals("https://REDACTED:REDACTED@api.example.com:8443/v1/pay?id=7", attributes.getUrlFull(request));
  }

  @Test
  void serverPortDefaultsByScheme() {
    assertEquals(443, attributes.getServerPort(requestTo("https://api.example.com/x")));
    assertEquals(80, attributes.getServerPort(requestTo("http://api.example.com/x")));
    assertEquals(8080, attributes.getServerPort(requestTo("http://api.example.com:8080/x")));
    assertEquals("api.example.com", attributes.getServerAddress(requestTo("http://api.example.com:8080/x")));
  }

  /** A client request that only knows its URI: all these getters read. */
  private static ClientRequestContext requestTo(String uri) {
    return (ClientRequestContext) Proxy.newProxyInstance(ClientRequestContext.class.getClassLoader(),
        new Class<?>[] {ClientRequestContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getUri")) {
            return URI.create(uri);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
