package dev.tracegate.internal.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * A gzipped jar inside Tracegate's jar and the class loader over it, open while an export pipeline
 * that may load from it is running. A class loader cannot read a jar within a jar, so opening it
 * unpacks it into {@code java.io.tmpdir}, as a file only the server's user can read; when the last
 * pipeline has shut down, the file is deleted. With Tracegate in an application's {@code
 * WEB-INF/lib}, each deployment has a copy of this class, so an application redeployed many times
 * does not leave one file behind per deployment until the server stops.
 *
 * <p>The class loader is not closed: the exporter's own threads outlive its shutdown by a little
 * (OkHttp's HTTP/2 reader closing its socket) and may still load classes. It keeps the jar it has
 * opened, which stays readable once its file is deleted (where the file system allows deleting an
 * open file; elsewhere the file goes when the JVM exits), and both go when nothing uses them.
 */
final class NestedJar {
  private static final Logger LOG = Logger.getLogger(NestedJar.class.getName());

  private final ClassLoader outer;
  private final String resource;
  private int users; // guarded by this
  private ClassLoader loader; // guarded by this
  private Path copy; // guarded by this

  /**
   * @param outer the class loader of the jar that holds the nested one, and the parent of its own
   * @param resource the nested jar's gzipped entry
   */
  NestedJar(ClassLoader outer, String resource) {
    this.outer = outer;
    this.resource = resource;
  }

  /** A pipeline that may load from the nested jar has started. */
  synchronized void use() {
    users++;
  }

  /**
   * A pipeline that {@link #use}d the nested jar has shut down: if it was the last, the unpacked
   * file is deleted. Its class loader can still load the classes the exporter's last threads need;
   * the next pipeline unpacks the jar anew.
   */
  synchronized void release() {
    if (--users > 0 || loader == null) {
      return;
    }
    try {
      Files.deleteIfExists(copy);
    } catch (IOException e) {
      // Left for the JVM's exit (deleteOnExit), as before the pipeline shut down.
      LOG.log(Level.FINE, e, () -> "Tracegate: could not delete " + copy);
    }
    loader = null;
    copy = null;
  }

  /**
   * The nested jar's class loader, unpacked now if it is not open.
   *
   * @param what what needs it, for the error message
   * @throws IllegalStateException if the nested jar is missing
   * @throws UncheckedIOException if it cannot be unpacked
   */
  synchronized ClassLoader loader(String what) {
    if (loader == null) {
      Path file = unpack(what);
      try {
        URLClassLoader opened = new URLClassLoader(new URL[] {file.toUri().toURL()}, outer);
        // Opens the jar now: once open, it stays readable after release() deletes its file.
        opened.findResource(JarFile.MANIFEST_NAME);
        loader = opened;
      } catch (IOException e) {
        deleteAfterFailure(file, e);
        throw unpackFailed(what, e);
      }
      copy = file;
    }
    return loader;
  }

  /** The file the nested jar is unpacked into while it is open, else null. */
  synchronized Path unpacked() {
    return copy;
  }

  private Path unpack(String what) {
    try (InputStream packed = outer.getResourceAsStream(resource)) {
      if (packed == null) {
        throw new IllegalStateException(
            "Tracegate: "
                + what
                + " needs "
                + resource
                + ", which this jar lacks; use the jar as released, or export over"
                + " otel.exporter.otlp.protocol=http/protobuf");
      }
      Path file = Files.createTempFile("tracegate-okhttp-exporters-", ".jar");
      try {
        Files.copy(new GZIPInputStream(packed), file, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        // The next export tries again: a failed copy (a full disk) must not stay behind each time.
        deleteAfterFailure(file, e);
        throw e;
      }
      // A server stopped without its applications shut down leaves none behind either.
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw unpackFailed(what, e);
    }
  }

  private UncheckedIOException unpackFailed(String what, IOException e) {
    return new UncheckedIOException(
        "Tracegate: "
            + what
            + " needs "
            + resource
            + " unpacked into java.io.tmpdir ("
            + System.getProperty("java.io.tmpdir")
            + "), which failed: "
            + e,
        e);
  }

  private static void deleteAfterFailure(Path file, IOException failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
