package dev.tracegate.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of the test WARs; no tracing code anywhere in it. */
@ApplicationPath("/api")
public class TestApplication extends Application {}
