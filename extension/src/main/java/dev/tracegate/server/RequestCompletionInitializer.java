package dev.tracegate.server;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/** Installs {@link RequestCompletionFilter} in every web application, around all other filters. */
public final class RequestCompletionInitializer implements ServletContainerInitializer {
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    FilterRegistration.Dynamic filter =
        context.addFilter(RequestCompletionFilter.class.getName(), RequestCompletionFilter.class);
    if (filter != null) { // null: already installed (the jar is both in the application and the server)
      filter.setAsyncSupported(true);
      filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }
  }
}
