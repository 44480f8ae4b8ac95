/**
 * Tracegate's API for applications: {@link dev.tracegate.genai.InvokeAgent}, the interceptor
 * binding that records an {@code invoke_agent} span around each call of an AI agent.
 */
package dev.tracegate.genai;
