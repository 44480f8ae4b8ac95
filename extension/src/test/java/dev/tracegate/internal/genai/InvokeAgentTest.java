package dev.tracegate.internal.genai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracegate.genai.InvokeAgent;
import dev.tracegate.internal.cdi.InvokeAgentInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class InvokeAgentTest {

  @InvokeAgent(name = "Main", id = "main-agent", description = "Routes customer requests")
  static class MainAgent {
    public String chat() {
      return "";
    }

    @InvokeAgent(name = "Classifier")
    public String classify() {
      return "";
    }
  }

  static class RenamedMainAgent extends MainAgent {}

  static class PlainResource {
    public String get() {
      return "";
    }
  }

  @Test
  void isAnInterceptorBindingWhoseMembersDoNotSelectTheInterceptor() throws Exception {
    assertTrue(InvokeAgent.class.isAnnotationPresent(InterceptorBinding.class));
    for (String member : new String[] {"name", "id", "description", "provider"}) {
      assertTrue(InvokeAgent.class.getMethod(member).isAnnotationPresent(Nonbinding.class), member);
    }
  }

  @Test
  void theInterceptorIsBoundAndEnabledForEveryApplication() {
    assertTrue(InvokeAgentInterceptor.class.isAnnotationPresent(Interceptor.class));
    assertTrue(InvokeAgentInterceptor.class.isAnnotationPresent(InvokeAgent.class));
    assertNotNull(
        InvokeAgentInterceptor.class.getAnnotation(Priority.class),
        "a priority enables it without beans.xml");
  }

  @Test
  void aMethodInheritsTheAgentOfItsClass() throws Exception {
    Agent agent = Agent.declaredFor(MainAgent.class.getMethod("chat"));
    assertEquals(new Agent("Main", "main-agent", "Routes customer requests", ""), agent);
  }

  @Test
  void aMethodsOwnAnnotationWins() throws Exception {
    assertEquals("Classifier", Agent.declaredFor(MainAgent.class.getMethod("classify")).name());
  }

  @Test
  void aSubclassOfAnAgentIsTheSameAgent() throws Exception {
    Method inherited = RenamedMainAgent.class.getMethod("chat");
    assertEquals("Main", Agent.declaredFor(inherited).name());
  }

  @Test
  void aMethodOfAnUnannotatedClassInvokesNoAgent() throws Exception {
    assertNull(Agent.declaredFor(PlainResource.class.getMethod("get")));
  }

  @Test
  void theSpanIsNamedAfterTheAgent() {
    assertEquals("invoke_agent Main", new Agent("Main", "", "", "").spanName());
  }
}
