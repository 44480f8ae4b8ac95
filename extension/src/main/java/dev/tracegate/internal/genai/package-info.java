/**
 * The GenAI agent span: the agent an {@link dev.tracegate.genai.InvokeAgent} method declares, and
 * the {@code invoke_agent} span recorded around its call after the OpenTelemetry GenAI conventions.
 */
package dev.tracegate.internal.genai;
