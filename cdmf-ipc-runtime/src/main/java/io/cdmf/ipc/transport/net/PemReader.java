package io.cdmf.ipc.transport.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;

/**
 * Reads X.509 certificates and PKCS#8 private keys in PEM form, from a file or from the PEM text itself, with the
 * JDK alone (no BouncyCastle at run time).
 * <p>
 * A value that starts with {@code -----BEGIN} is PEM text; anything else is a file path. Private keys must be
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), as {@code openssl genpkey} writes them; convert older
 * {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY} files with
 * {@code openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem}. {@link TlsOptions} reads keys of endpoint options
 * from files only; PEM text of a key is for material built in code.
 *
 * @since 0.1.0
 */
public final class PemReader {

	private static final Pattern PRIVATE_KEY = Pattern
		.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

	private static final String[] KEY_ALGORITHMS = { "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA" };

	private PemReader() {
	}

	/**
	 * Reads a chain of certificates, leaf first.
	 * @param source PEM text or a file path
	 * @param option the option it came from, for error messages
	 * @return the certificates, at least one
	 * @throws IpcException with {@code INVALID_ARGUMENT} if the source cannot be read or holds no certificate
	 */
	public static List<X509Certificate> certificates(String source, String option) {
		byte[] pem = read(source, option);
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			List<X509Certificate> result = new ArrayList<>();
			for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pem))) {
				result.add((X509Certificate) certificate);
			}
			if (result.isEmpty()) {
				throw new CertificateException("no certificate found");
			}
			return result;
		}
		catch (CertificateException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"Option " + option + " (" + describe(source) + ") holds no PEM certificate: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Reads an unencrypted PKCS#8 private key (RSA, EC, EdDSA, RSASSA-PSS or DSA).
	 * @param source PEM text or a file path
	 * @param option the option it came from, for error messages
	 * @return the key
	 * @throws IpcException with {@code INVALID_ARGUMENT} if the source cannot be read or holds no usable key
	 */
	public static PrivateKey privateKey(String source, String option) {
		String pem = new String(read(source, option), StandardCharsets.US_ASCII);
		Matcher matcher = PRIVATE_KEY.matcher(pem);
		if (!matcher.find()) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"Option " + option + " (" + describe(source) + ") holds no PEM private key");
		}
		if (!matcher.group(1).isEmpty()) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "Option " + option + " (" + describe(source)
					+ ") holds a '" + matcher.group(1).trim() + " PRIVATE KEY'; only unencrypted PKCS#8 "
					+ "('PRIVATE KEY') is read. Convert it with: "
					+ "openssl pkcs8 -topk8 -nocrypt -in <file> -out <new file>");
		}
		byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
		GeneralSecurityException last = null;
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException ex) {
				last = ex;
			}
		}
		throw new IpcException(ErrorCode.INVALID_ARGUMENT, "Option " + option + " (" + describe(source)
				+ ") holds a private key of an algorithm this JVM cannot read", last);
	}

	private static byte[] read(String source, String option) {
		if (isPem(source)) {
			return source.getBytes(StandardCharsets.US_ASCII);
		}
		try {
			return Files.readAllBytes(Path.of(source));
		}
		catch (IOException | RuntimeException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"Cannot read option " + option + " from file " + source + ": " + ex, ex);
		}
	}

	private static boolean isPem(String source) {
		return source.stripLeading().startsWith("-----BEGIN");
	}

	private static String describe(String source) {
		return isPem(source) ? "PEM text" : "file " + source;
	}

}
