package dev.tracegate.internal.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SensitiveQueryTest {
  @Test
  void redactsSignatureValuesKeepingEverythingElse() {
    assertEquals("id=7&sig=REDACTED&x=1", SensitiveQuery.redact("id=7&sig=abc123&x=1"));
    assertEquals(
        "AWSAccessKeyId=REDACTED&Signature=REDACTED&Expires=1700000000",
        SensitiveQuery.redact("AWSAccessKeyId=AKIA&Signature=s%2Fx&Expires=1700000000"));
    assertEquals("X-Goog-Signature=REDACTED", SensitiveQuery.redact("X-Goog-Signature=0a1b"));
  }

  @Test
  void namesMatchWithoutRegardToCase() {
    assertEquals("SIG=REDACTED", SensitiveQuery.redact("SIG=abc"));
  }

  @Test
  void leavesOtherQueriesUntouched() {
    String query = "signature_like=1&sigma=2&&flag&a=b";
    assertSame(query, SensitiveQuery.redact(query));
    assertNull(SensitiveQuery.redact(null));
    assertEquals("", SensitiveQuery.redact(""));
  }

  @Test
  void keepsEmptyAndValuelessParametersAroundRedactedOnes() {
    assertEquals("&sig=REDACTED&flag&", SensitiveQuery.redact("&sig=x&flag&"));
  }
}
