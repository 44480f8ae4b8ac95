package dev.tracegate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout docs/architecture.md describes: dependencies point one way, from what the container
 * instantiates down to configuration, propagation and export, and the only API is {@code genai}.
 */
class PackageLayoutTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tracegate");

  @Test
  void packagesFormNoCycle() {
    slices().matching("dev.tracegate.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void dependenciesPointDownTheLayers() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("api")
        .definedBy("dev.tracegate.genai")
        .layer("entry points")
        .definedBy("..internal.cdi..", "..internal.jaxrs..", "..internal.concurrent..")
        .layer("telemetry beans")
        .definedBy("..internal.mptelemetry..")
        .layer("application")
        .definedBy("dev.tracegate.internal")
        .layer("sdk")
        .definedBy("..internal.sdk..")
        .layer("spans")
        .definedBy("..internal.server..", "..internal.client..", "..internal.genai..")
        .layer("conventions")
        .definedBy("..internal.spans..")
        .layer("foundation")
        .definedBy(
            "..internal.config..",
            "..internal.propagation..",
            "..internal.export..",
            "..internal.logging..")
        .whereLayer("entry points")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("telemetry beans")
        .mayOnlyBeAccessedByLayers("entry points")
        .whereLayer("application")
        .mayOnlyBeAccessedByLayers("entry points", "telemetry beans")
        .whereLayer("sdk")
        .mayOnlyBeAccessedByLayers("application")
        .whereLayer("spans")
        .mayOnlyBeAccessedByLayers("entry points", "telemetry beans", "application", "sdk")
        .whereLayer("conventions")
        .mayOnlyBeAccessedByLayers("entry points", "spans")
        .whereLayer("api")
        .mayOnlyBeAccessedByLayers("entry points", "spans")
        .check(MAIN);
  }

  @Test
  void everythingButTheApiIsInternal() {
    classes()
        .that()
        .resideOutsideOfPackage("dev.tracegate.internal..")
        .and()
        .arePublic()
        .should()
        .resideInAPackage("dev.tracegate.genai")
        .check(MAIN);
  }
}
