package dev.tracegate.bench.load;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The load benchmark's application: {@code GET /api/front} calls {@code GET /api/back} once. */
@ApplicationPath("/api")
public class LoadApplication extends Application {}
