package io.cdmf.ipc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a throw-away PKI for TLS tests with BouncyCastle: a trusted CA, a server certificate for {@code localhost}
 * and {@code 127.0.0.1} and a client certificate signed by it, two more client certificates of that CA with subject
 * alternative names ({@code spiffe-client}: URI {@code spiffe://cdmf.test/ns/prod/sa/quotes}, DNS
 * {@code quotes.cdmf.test}, IP {@code 10.1.2.3}; {@code other-client}: URI {@code spiffe://other.test/ns/prod/sa/quotes},
 * DNS {@code a.quotes.cdmf.test}, IP {@code 10.1.2.4}), and a second, untrusted CA with a server and a client
 * certificate of its own. Everything is written as PEM files (keys as unencrypted PKCS#8) into a directory.
 */
public final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	private final Path directory;

	/**
	 * Creates the CAs and certificates in a directory.
	 * @param directory where the PEM files go
	 */
	public TestCertificates(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
			KeyPair trustedCa = keyPair();
			X509Certificate trustedCaCert = certificate("CN=CDMF Test CA", trustedCa, "CN=CDMF Test CA", trustedCa,
					true, false);
			write("ca.pem", pem("CERTIFICATE", trustedCaCert.getEncoded()));
			issue("server", "CN=localhost", trustedCa, trustedCaCert, true);
			issue("client", "CN=trusted-client,O=CDMF", trustedCa, trustedCaCert, false);
			issue("spiffe-client", "CN=quotes,O=CDMF", trustedCa, trustedCaCert, false,
					new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://cdmf.test/ns/prod/sa/quotes"),
					new GeneralName(GeneralName.dNSName, "quotes.cdmf.test"),
					new GeneralName(GeneralName.iPAddress, "10.1.2.3"));
			issue("other-client", "CN=other,O=CDMF", trustedCa, trustedCaCert, false,
					new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://other.test/ns/prod/sa/quotes"),
					new GeneralName(GeneralName.dNSName, "a.quotes.cdmf.test"),
					new GeneralName(GeneralName.iPAddress, "10.1.2.4"));
			KeyPair rogueCa = keyPair();
			X509Certificate rogueCaCert = certificate("CN=Rogue CA", rogueCa, "CN=Rogue CA", rogueCa, true, false);
			write("rogue-ca.pem", pem("CERTIFICATE", rogueCaCert.getEncoded()));
			issue("rogue-server", "CN=localhost", rogueCa, rogueCaCert, true);
			issue("rogue-client", "CN=rogue-client", rogueCa, rogueCaCert, false);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot make test certificates", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void issue(String name, String subject, KeyPair caKeys, X509Certificate caCert, boolean server,
			GeneralName... alternativeNames) throws GeneralSecurityException, OperatorCreationException, IOException {
		KeyPair keys = keyPair();
		X509Certificate certificate = certificate(subject, keys, caCert.getSubjectX500Principal().getName(), caKeys,
				false, server, alternativeNames);
		write(name + ".pem", pem("CERTIFICATE", certificate.getEncoded()) + pem("CERTIFICATE", caCert.getEncoded()));
		write(name + "-key.pem", pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
	}

	/** @return the trusted CA certificate */
	public Path ca() {
		return this.directory.resolve("ca.pem");
	}

	/** @return the untrusted CA certificate */
	public Path rogueCa() {
		return this.directory.resolve("rogue-ca.pem");
	}

	/**
	 * Returns a certificate chain file: {@code server}, {@code client}, {@code rogue-server} or {@code rogue-client}.
	 * @param name the certificate's name
	 * @return the chain (leaf, then its CA)
	 */
	public Path chain(String name) {
		return this.directory.resolve(name + ".pem");
	}

	/**
	 * Returns the private key file of a certificate.
	 * @param name the certificate's name
	 * @return the PKCS#8 key
	 */
	public Path key(String name) {
		return this.directory.resolve(name + "-key.pem");
	}

	/**
	 * Returns endpoint options for a server with a certificate.
	 * @param name the certificate's name
	 * @return {@code cert-chain=...&private-key=...}
	 */
	public String serverOptions(String name) {
		return "cert-chain=" + chain(name) + "&private-key=" + key(name);
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
			boolean ca, boolean server, GeneralName... alternativeNames)
			throws GeneralSecurityException, OperatorCreationException, IOException {
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
				BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
				Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKeys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
		if (ca) {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		else {
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
		}
		if (server) {
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.iPAddress, "::1") }));
		}
		else if (alternativeNames.length > 0) {
			builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames));
		}
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.directory.resolve(name), content, StandardCharsets.US_ASCII);
	}

}
