package dev.tracegate.sample.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestCategoryTest {
  private static final String DEMO_MESSAGE =
      "I was charged twice for order A-1001 and the app shows an error when I open my invoice";

  @Test
  void theDemoRequestIsBillingWithATechnicalProblem() {
    assertEquals(RequestCategory.BILLING, RequestCategory.of(DEMO_MESSAGE));
    assertTrue(
        RequestCategory.TECHNICAL.mentionedIn(DEMO_MESSAGE),
        "so the Main agent involves the Support agent");
  }

  @Test
  void billingWinsOverTechnicalWhenBothAreMentioned() {
    assertEquals(RequestCategory.BILLING, RequestCategory.of("Login error after my REFUND"));
  }

  @Test
  void aPurelyTechnicalRequestIsTechnical() {
    assertEquals(RequestCategory.TECHNICAL, RequestCategory.of("The app crashes on start"));
  }

  @Test
  void anythingElseIsGeneral() {
    assertEquals(RequestCategory.GENERAL, RequestCategory.of("What are your opening hours?"));
    assertEquals(RequestCategory.GENERAL, RequestCategory.of(null));
    assertFalse(RequestCategory.GENERAL.mentionedIn("anything"));
  }
}
