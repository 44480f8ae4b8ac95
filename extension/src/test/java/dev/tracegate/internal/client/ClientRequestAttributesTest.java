package dev.tracegate.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tracegate.JaxRsContexts;
import dev.tracegate.internal.spans.HttpSpanConventions;
import jakarta.ws.rs.client.ClientRequestContext;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClientRequestAttributesTest {
  @Test
  void credentialsInUrlAreNeverRecorded() {
    ClientRequestContext request =
        JaxRsContexts.outgoing("GET", "https://user:secret@api.example.com:8443/v1/pay?id=7");
    assertEquals(
        "https://REDACTED:REDACTED@api.example.com:8443/v1/pay?id=7",
        ClientRequestAttributes.urlFull(request.getUri()));
  }

  @Test
  void serverPortDefaultsByScheme() {
    assertEquals(443, HttpSpanConventions.serverPort(URI.create("https://api.example.com/x")));
    assertEquals(80, HttpSpanConventions.serverPort(URI.create("http://api.example.com/x")));
    assertEquals(8080, HttpSpanConventions.serverPort(URI.create("http://api.example.com:8080/x")));
  }
}
