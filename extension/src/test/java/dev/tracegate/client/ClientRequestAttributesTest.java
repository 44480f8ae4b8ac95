package dev.tracegate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegate.HttpSpanConventions;
import java.lang.reflect.Proxy;
import java.net.URI;
import jakarta.ws.rs.client.ClientRequestContext;
import org.junit.jupiter.api.Test;

class ClientRequestAttributesTest {
  @Test
  void credentialsInUrlAreNeverRecorded() {
    ClientRequestContext request = requestTo("https://user:secret@api.example.com:8443/v1/pay?id=7");
    assertEquals("https://REDACTED:REDACTED@api.example.com:8443/v1/pay?id=7", ClientRequestAttributes.urlFull(request.getUri()));
  }

  @Test
  void serverPortDefaultsByScheme() {
    assertEquals(443, HttpSpanConventions.serverPort(URI.create("https://api.example.com/x")));
    assertEquals(80, HttpSpanConventions.serverPort(URI.create("http://api.example.com/x")));
    assertEquals(8080, HttpSpanConventions.serverPort(URI.create("http://api.example.com:8080/x")));
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
