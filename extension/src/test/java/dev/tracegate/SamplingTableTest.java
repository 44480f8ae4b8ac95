package dev.tracegate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.internal.ApplicationTracing;
import dev.tracegate.internal.server.ReceivedHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.AbstractMap.SimpleEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's sampling table, row by row, against the SDK an application gets: a
 * request with the row's {@code traceparent} through the server's parent rule and sampler, at 0 %
 * and 100 %.
 */
class SamplingTableTest {
  private static final String CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void everyRowOfTheDocumentedSamplingTableIsWhatTheServerDoes() {
    List<List<String>> rows = Docs.tableRows(Docs.section("docs/configuration.md", "## Sampling"));
    assertEquals(
        9, rows.size(), "three tracing.incoming modes times three kinds of caller: " + rows);
    for (List<String> row : rows) {
      String incoming = row.get(0).replace("`", "");
      String traceparent =
          switch (row.get(1)) {
            case "none or invalid" -> null;
            case "valid, sampled (`-01`)" -> "00-" + CALLER_TRACE_ID + "-00f067aa0ba902b7-01";
            case "valid, not sampled (`-00`)" -> "00-" + CALLER_TRACE_ID + "-00f067aa0ba902b7-00";
            default -> throw new AssertionError("a caller this test does not know: " + row);
          };
      for (int percentage : new int[] {0, 100}) {
        boolean expected =
            switch (row.get(2)) {
              case "always" -> true;
              case "never" -> false;
              case "by the percentage" -> percentage == 100;
              default -> throw new AssertionError("a decision this test does not know: " + row);
            };
        String forwarded = forwardedTraceparent(incoming, percentage, traceparent);
        String what = row + " at " + percentage + " %: forwarded " + forwarded;
        boolean sampledFlag = (Integer.parseInt(forwarded.substring(53), 16) & 1) == 1;
        assertEquals(expected, sampledFlag, what);
        boolean callersTraceId = forwarded.substring(3, 35).equals(CALLER_TRACE_ID);
        assertEquals(row.get(3).startsWith("the caller's"), callersTraceId, what);
      }
    }
  }

  /**
   * The traceparent an outbound call of a request with this incoming traceparent (or none) sends.
   */
  private static String forwardedTraceparent(String incoming, int percentage, String traceparent) {
    ApplicationTracing tracing =
        StartedTracing.start(
            "sampling",
            Map.of(
                "tracing.random_sampling",
                "" + percentage,
                "tracing.incoming",
                incoming,
                "otel.traces.exporter",
                "discard"));
    try {
      Context parent =
          tracing
              .incomingPolicy()
              .read(
                  ReceivedHeaders.request(
                      traceparent == null
                          ? List.of()
                          : List.of(new SimpleEntry<>("traceparent", traceparent))))
              .parent();
      Span server =
          tracing
              .sdk()
              .getTracer("sampling")
              .spanBuilder("GET /api/orders")
              .setSpanKind(SpanKind.SERVER)
              .setParent(parent)
              .startSpan();
      Span client =
          tracing
              .sdk()
              .getTracer("sampling")
              .spanBuilder("GET")
              .setSpanKind(SpanKind.CLIENT)
              .setParent(parent.with(server))
              .startSpan();
      Map<String, String> sent = new HashMap<>();
      tracing.inject(parent.with(client), sent, Map::put);
      client.end();
      server.end();
      assertTrue(sent.containsKey("traceparent"), "a traceparent is always forwarded: " + sent);
      return sent.get("traceparent");
    } finally {
      tracing.shutdown();
    }
  }
}
