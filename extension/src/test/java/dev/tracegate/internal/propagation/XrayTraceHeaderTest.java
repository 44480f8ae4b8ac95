package dev.tracegate.internal.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import org.junit.jupiter.api.Test;

class XrayTraceHeaderTest {
  private static final String ROOT = "Root=1-5759e988-bd862e3fe1be46a994272793";

  @Test
  void rootParentAndSampledNameTheRemoteParent() {
    SpanContext parent = XrayTraceHeader.parse(ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1");
    assertEquals("5759e988bd862e3fe1be46a994272793", parent.getTraceId());
    assertEquals("53995c3f42cd8ad8", parent.getSpanId());
    assertTrue(parent.isSampled());
    assertTrue(parent.isRemote());
  }

  @Test
  void fieldsInAnyOrderWithSpacesAndOtherKeys() {
    SpanContext parent =
        XrayTraceHeader.parse(
            "Self=1-67891234-12456789abcdef012345678; Sampled=0 ;Lineage=a87bd80c:1|68fd508a:5;"
                + " Parent=53995C3F42CD8AD8 ;"
                + ROOT);
    assertEquals("5759e988bd862e3fe1be46a994272793", parent.getTraceId());
    assertEquals("53995c3f42cd8ad8", parent.getSpanId());
    assertFalse(parent.isSampled());
  }

  @Test
  void missingOrDeferredSamplingIsNotSampled() {
    assertFalse(XrayTraceHeader.parse(ROOT + ";Parent=53995c3f42cd8ad8").isSampled());
    assertFalse(XrayTraceHeader.parse(ROOT + ";Parent=53995c3f42cd8ad8;Sampled=?").isSampled());
  }

  @Test
  void headerWithoutAValidRootOrParentIsIgnored() {
    assertNull(XrayTraceHeader.parse(ROOT), "an ALB's header has no Parent: nothing to continue");
    assertNull(XrayTraceHeader.parse("Parent=53995c3f42cd8ad8;Sampled=1"));
    assertNull(
        XrayTraceHeader.parse("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8"),
        "unknown version");
    assertNull(
        XrayTraceHeader.parse("Root=1-5759e988bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8"),
        "no dash");
    assertNull(
        XrayTraceHeader.parse("Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8"),
        "all-zero trace id");
    assertNull(XrayTraceHeader.parse(ROOT + ";Parent=0000000000000000"), "all-zero parent");
    assertNull(XrayTraceHeader.parse(ROOT + ";Parent=53995c3f42cd8ad"), "short parent");
    assertNull(
        XrayTraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a99427279z;Parent=53995c3f42cd8ad8"),
        "not hex");
    assertNull(XrayTraceHeader.parse(""));
  }

  @Test
  void oversizedHeaderIsIgnoredWithoutBeingRead() {
    String valid = ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1";
    assertNull(XrayTraceHeader.parse(valid + ";Lineage=" + "a".repeat(XrayTraceHeader.MAX_LENGTH)));
  }
}
