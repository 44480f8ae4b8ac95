package dev.tracegate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority made when the tests start, with a certificate for the receiver
 * (127.0.0.1) and a client certificate for the exporter, written as PEM files the way an operator
 * hands them to {@code otel.exporter.otlp.certificate}, {@code .client.key} and {@code
 * .client.certificate}. Nothing private is committed: every run makes new keys under {@code
 * target/}.
 */
final class TestCertificates {
  final Path caCertificate;
  final Path serverCertificate;
  final Path serverKey;
  final Path clientCertificate;
  final Path clientKey;
  private final X509Certificate ca;
  private final KeyPair serverKeys;
  private final X509Certificate server;

  private TestCertificates(Path dir)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Files.createDirectories(dir);
    KeyPair caKeys = rsa();
    X500Name caName = new X500Name("CN=Tracegate test CA");
    ca =
        sign(
            new JcaX509v3CertificateBuilder(
                    caName, BigInteger.ONE, notBefore(), notAfter(), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
            caKeys);
    serverKeys = rsa();
    server =
        sign(
            new JcaX509v3CertificateBuilder(
                    caName,
                    BigInteger.TWO,
                    notBefore(),
                    notAfter(),
                    new X500Name("CN=127.0.0.1"),
                    serverKeys.getPublic())
                .addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(
                        new GeneralName[] {
                          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                          new GeneralName(GeneralName.dNSName, "localhost")
                        })),
            caKeys);
    KeyPair clientKeys = rsa();
    X509Certificate client =
        sign(
            new JcaX509v3CertificateBuilder(
                caName,
                BigInteger.valueOf(3),
                notBefore(),
                notAfter(),
                new X500Name("CN=tracegate-exporter"),
                clientKeys.getPublic()),
            caKeys);
    caCertificate = write(dir.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());
    serverCertificate = write(dir.resolve("server.pem"), "CERTIFICATE", server.getEncoded());
    serverKey =
        write(dir.resolve("server-key.pem"), "PRIVATE KEY", serverKeys.getPrivate().getEncoded());
    clientCertificate = write(dir.resolve("client.pem"), "CERTIFICATE", client.getEncoded());
    clientKey =
        write(dir.resolve("client-key.pem"), "PRIVATE KEY", clientKeys.getPrivate().getEncoded());
  }

  static TestCertificates create(Path dir) {
    try {
      return new TestCertificates(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** TLS for the receiver: its own certificate, and only clients with a certificate from the CA. */
  SSLContext serverContext() {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server", serverKeys.getPrivate(), new char[0], new X509Certificate[] {server, ca});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, new char[0]);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", ca);
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }

  private static Path write(Path file, String type, byte[] der) throws IOException {
    String pem =
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n";
    return Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }
}
