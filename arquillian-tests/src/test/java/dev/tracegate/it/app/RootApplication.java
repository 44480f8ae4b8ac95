package dev.tracegate.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * A JAX-RS application served at the context root, so its resources sit where health checks usually
 * do.
 */
@ApplicationPath("/")
public class RootApplication extends Application {}
