package dev.tracegate.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomSpanAttributesTest {
  private static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  @Test
  void headerWithPrefixBecomesLowercaseDottedAttribute() {
    CustomSpanAttributes custom = new CustomSpanAttributes(List.of("x-"), Map.of());
    assertEquals(
        Map.of(key("tenant.id"), "acme"),
        custom.attributesFor(Map.of("X-Tenant-Id", List.of("acme"))));
  }

  @Test
  void headersWithoutPrefixAreNotCaptured() {
    CustomSpanAttributes custom = new CustomSpanAttributes(List.of("x-app-"), Map.of());
    assertEquals(
        Map.of(),
        custom.attributesFor(Map.of("X-Tenant-Id", List.of("acme"), "Accept", List.of("*/*"))));
  }

  @Test
  void headerEqualToPrefixIsNotCaptured() {
    assertNull(new CustomSpanAttributes(List.of("x-"), Map.of()).attributeName("X-"));
  }

  @Test
  void repeatedHeaderValuesAreJoinedWithCommas() {
    CustomSpanAttributes custom = new CustomSpanAttributes(List.of("x-"), Map.of());
    assertEquals(
        Map.of(key("tag"), "a,b"), custom.attributesFor(Map.of("x-tag", List.of("a", "b"))));
  }

  @Test
  void staticAttributesApplyToEveryRequest() {
    CustomSpanAttributes custom =
        new CustomSpanAttributes(List.of(), Map.of("deployment.zone", "eu-1"));
    assertEquals(
        Map.of(key("deployment.zone"), "eu-1"),
        custom.attributesFor(Map.of("X-Zone", List.of("us"))));
  }

  @Test
  void headerValueOverridesStaticValue() {
    CustomSpanAttributes custom =
        new CustomSpanAttributes(List.of("x-"), Map.of("deployment.zone", "eu-1"));
    assertEquals(
        Map.of(key("deployment.zone"), "us-2"),
        custom.attributesFor(Map.of("X-Deployment-Zone", List.of("us-2"))));
  }

  @Test
  void credentialsAreNeverCapturedEvenWhenPrefixMatches() {
    CustomSpanAttributes custom =
        new CustomSpanAttributes(List.of("a", "c", "s", "p", ""), Map.of());
    for (String header :
        new String[] {"Authorization", "cookie", "Set-Cookie", "Proxy-Authorization"}) {
      assertNull(custom.attributeName(header), header);
    }
  }

  @Test
  void capturedValueLengthIsBounded() {
    CustomSpanAttributes custom = new CustomSpanAttributes(List.of("x-"), Map.of());
    String captured =
        custom.attributesFor(Map.of("x-big", List.of("v".repeat(10_000)))).get(key("big"));
    assertEquals(CustomSpanAttributes.MAX_VALUE_LENGTH, captured.length());
  }

  @Test
  void numberOfCapturedHeadersIsBounded() {
    CustomSpanAttributes custom = new CustomSpanAttributes(List.of("x-"), Map.of("fixed", "kept"));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < 500; i++) {
      headers.put("x-h" + i, List.of("v"));
    }
    Map<AttributeKey<String>, String> attributes = custom.attributesFor(headers);
    assertEquals(CustomSpanAttributes.MAX_HEADER_ATTRIBUTES + 1, attributes.size());
    assertEquals("kept", attributes.get(key("fixed")));
  }
}
