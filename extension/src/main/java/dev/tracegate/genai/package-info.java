/**
 * The GenAI agent spans: {@link dev.tracegate.genai.InvokeAgent}, the one annotation applications
 * use, and its interceptor, which records an {@code invoke_agent} span around each call.
 */
package dev.tracegate.genai;
