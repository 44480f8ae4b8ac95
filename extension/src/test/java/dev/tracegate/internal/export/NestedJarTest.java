package dev.tracegate.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The nested jar's unpacked file lives as long as a pipeline that may load from it: an application
 * redeployed with Tracegate in its {@code WEB-INF/lib} leaves none behind per deployment.
 */
class NestedJarTest {
  private static final String RESOURCE = "META-INF/test/nested.jar.gz";
  private static final String ENTRY = "greeting.txt";

  /** A class found only in the nested jar (the outer loader refuses it), as OkHttp's are. */
  static final class OnlyInTheNestedJar {}

  private static final String NESTED_CLASS = OnlyInTheNestedJar.class.getName();

  /**
   * A class loader holding a gzipped jar with a text entry and a class, as Tracegate's jar holds
   * its own.
   */
  private static ClassLoader jarHoldingNested() throws IOException {
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    String classFile = NESTED_CLASS.replace('.', '/') + ".class";
    try (JarOutputStream jar = new JarOutputStream(new GZIPOutputStream(gzipped));
        InputStream classBytes =
            NestedJarTest.class.getClassLoader().getResourceAsStream(classFile)) {
      jar.putNextEntry(new JarEntry(ENTRY));
      jar.write("hello".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
      jar.putNextEntry(new JarEntry(classFile));
      jar.write(classBytes.readAllBytes());
      jar.closeEntry();
    }
    byte[] bytes = gzipped.toByteArray();
    return new ClassLoader(NestedJarTest.class.getClassLoader()) {
      @Override
      public InputStream getResourceAsStream(String name) {
        return RESOURCE.equals(name) ? new ByteArrayInputStream(bytes) : null;
      }

      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (NESTED_CLASS.equals(name)) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
  }

  private static String greeting(ClassLoader loader) throws IOException {
    try (InputStream in = loader.getResourceAsStream(ENTRY)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theUnpackedFileIsDeletedWhenTheLastPipelineThatUsedItShutsDown() throws IOException {
    NestedJar nested = new NestedJar(jarHoldingNested(), RESOURCE);
    nested.use();
    nested.use();
    assertNull(nested.unpacked(), "unpacked before anything needs it");

    ClassLoader loader = nested.loader("a test");
    Path unpacked = nested.unpacked();
    assertTrue(Files.isRegularFile(unpacked), unpacked::toString);
    assertEquals("hello", greeting(loader));

    nested.release();
    assertTrue(Files.isRegularFile(unpacked), "deleted while a pipeline still uses it");
    nested.release();
    assertFalse(Files.exists(unpacked), "left behind after the last pipeline: " + unpacked);
  }

  @Test
  void theExportersLastThreadsCanStillLoadClassesOnceTheFileIsDeleted() throws Exception {
    NestedJar nested = new NestedJar(jarHoldingNested(), RESOURCE);
    nested.use();
    ClassLoader loader = nested.loader("a test");
    Path unpacked = nested.unpacked();
    nested.release();
    assertFalse(Files.exists(unpacked), unpacked::toString);

    // As OkHttp's HTTP/2 reader does, closing its socket after the exporter has shut down.
    Class<?> loaded = Class.forName(NESTED_CLASS, false, loader);
    assertEquals(loader, loaded.getClassLoader(), "not loaded from the nested jar");
  }

  @Test
  void aPipelineStartedLaterUnpacksItAnew() throws IOException {
    NestedJar nested = new NestedJar(jarHoldingNested(), RESOURCE);
    nested.use();
    nested.loader("a test");
    Path first = nested.unpacked();
    nested.release();

    nested.use();
    ClassLoader loader = nested.loader("a test");
    Path second = nested.unpacked();
    assertNotEquals(first, second);
    assertEquals("hello", greeting(loader));
    nested.release();
    assertFalse(Files.exists(second), second::toString);
  }

  @Test
  void pipelinesThatNeverNeededItUnpackNothing() throws IOException {
    NestedJar nested = new NestedJar(jarHoldingNested(), RESOURCE);
    nested.use();
    nested.release();
    assertNull(nested.unpacked());
  }

  @Test
  void aJarWithoutTheNestedOneFailsWithWhatToDoInstead() {
    NestedJar nested = new NestedJar(NestedJarTest.class.getClassLoader(), RESOURCE);
    nested.use();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> nested.loader("OTLP over gRPC"));
    assertTrue(e.getMessage().contains(RESOURCE), e.getMessage());
    assertTrue(e.getMessage().contains("OTLP over gRPC"), e.getMessage());
    assertTrue(
        e.getMessage().contains("otel.exporter.otlp.protocol=http/protobuf"), e.getMessage());
    assertNull(nested.unpacked());
  }

  @Test
  void aNestedJarThatCannotBeUnpackedFailsNamingJavaIoTmpdir() throws IOException {
    ClassLoader corrupt =
        new ClassLoader(NestedJarTest.class.getClassLoader()) {
          @Override
          public InputStream getResourceAsStream(String name) {
            return new ByteArrayInputStream("not gzip".getBytes(StandardCharsets.UTF_8));
          }
        };
    NestedJar nested = new NestedJar(corrupt, RESOURCE);
    nested.use();
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> nested.loader("the Zipkin exporter"));
    assertTrue(e.getMessage().contains("java.io.tmpdir"), e.getMessage());
    assertNull(nested.unpacked());
  }
}
