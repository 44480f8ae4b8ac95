package dev.tracegate.sample.agents;

import java.util.Locale;
import java.util.regex.Pattern;

/** How the Main agent classifies a customer message; a keyword model stands in for an LLM. */
enum RequestCategory {
  BILLING("bill|charge|payment|refund|invoice"),
  TECHNICAL("error|crash|bug|login|broken"),
  GENERAL("");

  private final Pattern keywords;

  RequestCategory(String keywords) {
    this.keywords = Pattern.compile(keywords);
  }

  static RequestCategory of(String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    for (RequestCategory category : values()) {
      if (category != GENERAL && category.keywords.matcher(text).find()) {
        return category;
      }
    }
    return GENERAL;
  }

  boolean mentionedIn(String message) {
    return this != GENERAL
        && message != null
        && keywords.matcher(message.toLowerCase(Locale.ROOT)).find();
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
