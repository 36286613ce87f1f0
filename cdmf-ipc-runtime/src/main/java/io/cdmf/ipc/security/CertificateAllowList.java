package io.cdmf.ipc.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.rpc.AuthenticationHandler;
import io.cdmf.ipc.transport.PeerCredentials;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits callers by the client certificate that mutual TLS verified ({@code tcp://...?tls=true} and
 * {@code grpcs://} with {@code client-auth=require} or {@code optional}): by the certificate's subject
 * distinguished name, or by one of its subject alternative names: a DNS name (exact, or {@code *.example.org} for
 * one label), a URI such as a SPIFFE id (exact, or by prefix for a whole trust domain) or an IP address.
 * <p>
 * TLS proves that the caller holds the key of a certificate signed by an authority the server trusts
 * ({@code trust-certs}); this list narrows that to the callers the service means. A caller without a certificate is
 * refused, unless {@link Builder#admitPeersWithoutCertificate()} says otherwise, for a service that also listens on
 * local endpoints guarded another way.
 *
 * <pre>{@code
 * stub.setAuthenticationHandler(CertificateAllowList.builder()
 *         .subject("CN=reporting,O=Example")
 *         .uri("spiffe://example.org/ns/prod/sa/quotes")
 *         .build());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CertificateAllowList implements AuthenticationHandler {

	private static final Logger logger = LoggerFactory.getLogger(CertificateAllowList.class);

	private static final int SAN_DNS = 2;

	private static final int SAN_URI = 6;

	private static final int SAN_IP = 7;

	private final Set<X500Principal> subjects;

	private final Set<String> dnsNames;

	private final List<String> dnsSuffixes;

	private final Set<String> uris;

	private final List<String> uriPrefixes;

	private final Set<InetAddress> ipAddresses;

	private final boolean admitWithoutCertificate;

	private CertificateAllowList(Builder builder) {
		this.subjects = Set.copyOf(builder.subjects);
		this.dnsNames = Set.copyOf(builder.dnsNames);
		this.dnsSuffixes = List.copyOf(builder.dnsSuffixes);
		this.uris = Set.copyOf(builder.uris);
		this.uriPrefixes = List.copyOf(builder.uriPrefixes);
		this.ipAddresses = Set.copyOf(builder.ipAddresses);
		this.admitWithoutCertificate = builder.admitWithoutCertificate;
	}

	/**
	 * Starts an allow-list.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public boolean authenticate(Message request, PeerCredentials peer) {
		X509Certificate certificate = peer.certificate();
		if (certificate == null) {
			return this.admitWithoutCertificate;
		}
		boolean admitted = admits(certificate);
		if (!admitted && logger.isDebugEnabled()) {
			logger.debug("Refused certificate {}: not in {}", certificate.getSubjectX500Principal().getName(), this);
		}
		return admitted;
	}

	/**
	 * Returns whether a certificate names one of the admitted subjects or alternative names. It does not verify the
	 * certificate: the TLS handshake did.
	 * @param certificate the peer's certificate (the leaf of its chain)
	 * @return whether it is admitted
	 */
	public boolean admits(X509Certificate certificate) {
		if (this.subjects.contains(certificate.getSubjectX500Principal())) {
			return true;
		}
		for (List<?> name : alternativeNames(certificate)) {
			if (name.size() < 2 || !(name.get(0) instanceof Integer type) || !(name.get(1) instanceof String value)) {
				continue;
			}
			if ((type == SAN_DNS && dnsMatches(value)) || (type == SAN_URI && uriMatches(value))
					|| (type == SAN_IP && ipMatches(value))) {
				return true;
			}
		}
		return false;
	}

	private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			return (names != null) ? names : List.of();
		}
		catch (CertificateParsingException ex) {
			// The handshake accepted the certificate, but its extension is unreadable: judge it by its subject only.
			logger.warn("Cannot read the alternative names of {}: {}", certificate.getSubjectX500Principal(),
					ex.toString());
			return List.of();
		}
	}

	private boolean dnsMatches(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (this.dnsNames.contains(lower)) {
			return true;
		}
		for (String suffix : this.dnsSuffixes) {
			// "*.example.org" admits "a.example.org", not "a.b.example.org" and not "example.org".
			if (lower.endsWith(suffix) && lower.length() > suffix.length()
					&& lower.indexOf('.') == lower.length() - suffix.length()) {
				return true;
			}
		}
		return false;
	}

	private boolean uriMatches(String uri) {
		if (this.uris.contains(uri)) {
			return true;
		}
		for (String prefix : this.uriPrefixes) {
			if (uri.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private boolean ipMatches(String address) {
		InetAddress parsed = ipLiteral(address);
		return parsed != null && this.ipAddresses.contains(parsed);
	}

	private static @Nullable InetAddress ipLiteral(String text) {
		// Only digits, hex, dots and colons: InetAddress.getByName then parses, it never asks DNS.
		if (text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			return null;
		}
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			// Not an address literal after all (such as "1.2.3.4.5"): the caller refuses it or lets it not match.
			logger.trace("'{}' is not an IP address literal: {}", text, ex.toString());
			return null;
		}
	}

	@Override
	public String toString() {
		return "CertificateAllowList[subjects=" + this.subjects + ", dns=" + this.dnsNames + ", dns wildcards="
				+ this.dnsSuffixes + ", uris=" + this.uris + ", uri prefixes=" + this.uriPrefixes + ", ips="
				+ this.ipAddresses + ", peers without certificate "
				+ (this.admitWithoutCertificate ? "admitted" : "refused") + "]";
	}

	/**
	 * Builds a {@link CertificateAllowList}; each method checks its argument.
	 */
	public static final class Builder {

		private final Set<X500Principal> subjects = new LinkedHashSet<>();

		private final Set<String> dnsNames = new LinkedHashSet<>();

		private final List<String> dnsSuffixes = new ArrayList<>();

		private final Set<String> uris = new LinkedHashSet<>();

		private final List<String> uriPrefixes = new ArrayList<>();

		private final Set<InetAddress> ipAddresses = new LinkedHashSet<>();

		private boolean admitWithoutCertificate;

		private Builder() {
		}

		/**
		 * Admits certificates with one of these subjects, compared as distinguished names (so
		 * {@code cn=a, o=b} equals {@code CN=a,O=b}), in RFC 2253 form as {@code openssl x509 -subject -nameopt RFC2253}
		 * prints it.
		 * @param distinguishedNames the subjects
		 * @return this builder
		 * @throws IllegalArgumentException if a name is not a distinguished name
		 */
		public Builder subject(String... distinguishedNames) {
			for (String name : distinguishedNames) {
				try {
					this.subjects.add(new X500Principal(requireText(name, "subject")));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("subject is not a distinguished name: '" + name + "'", ex);
				}
			}
			return this;
		}

		/**
		 * Admits certificates with one of these DNS alternative names, ignoring case; a name starting with
		 * {@code *.} admits any single label in its place.
		 * @param names the DNS names
		 * @return this builder
		 */
		public Builder dnsName(String... names) {
			for (String name : names) {
				String lower = requireText(name, "dnsName").toLowerCase(Locale.ROOT);
				if (lower.startsWith("*.") && lower.length() > 2 && lower.indexOf('*', 1) < 0) {
					this.dnsSuffixes.add(lower.substring(1));
				}
				else if (lower.indexOf('*') >= 0) {
					throw new IllegalArgumentException("dnsName wildcards go first, as in *.example.org: '" + name
							+ "'");
				}
				else {
					this.dnsNames.add(lower);
				}
			}
			return this;
		}

		/**
		 * Admits certificates with one of these URI alternative names, compared exactly (a SPIFFE id such as
		 * {@code spiffe://example.org/ns/prod/sa/quotes}).
		 * @param uris the URIs
		 * @return this builder
		 */
		public Builder uri(String... uris) {
			for (String uri : uris) {
				this.uris.add(checkUri(uri, "uri"));
			}
			return this;
		}

		/**
		 * Admits certificates with a URI alternative name that starts with one of these prefixes, such as
		 * {@code spiffe://example.org/} for a whole trust domain.
		 * @param prefixes the prefixes, each with a scheme and an authority
		 * @return this builder
		 */
		public Builder uriPrefix(String... prefixes) {
			for (String prefix : prefixes) {
				String checked = checkUri(prefix, "uriPrefix");
				if (!checked.substring(checked.indexOf("://") + 3).contains("/")) {
					// Without the slash, spiffe://example.org would also admit spiffe://example.org.evil.com.
					throw new IllegalArgumentException(
							"uriPrefix must end its authority with '/', as in spiffe://example.org/: '" + prefix + "'");
				}
				this.uriPrefixes.add(checked);
			}
			return this;
		}

		/**
		 * Admits certificates with one of these IP address alternative names.
		 * @param addresses IPv4 or IPv6 literals
		 * @return this builder
		 */
		public Builder ipAddress(String... addresses) {
			for (String address : addresses) {
				InetAddress parsed = ipLiteral(requireText(address, "ipAddress"));
				if (parsed == null) {
					throw new IllegalArgumentException("ipAddress is not an IP address literal: '" + address + "'");
				}
				this.ipAddresses.add(parsed);
			}
			return this;
		}

		/**
		 * Admits callers that presented no certificate (a transport without TLS, or {@code client-auth=optional});
		 * by default they are refused.
		 * @return this builder
		 */
		public Builder admitPeersWithoutCertificate() {
			this.admitWithoutCertificate = true;
			return this;
		}

		/**
		 * Builds the allow-list.
		 * @return the allow-list
		 * @throws IllegalArgumentException if it names no subject and no alternative name
		 */
		public CertificateAllowList build() {
			if (this.subjects.isEmpty() && this.dnsNames.isEmpty() && this.dnsSuffixes.isEmpty() && this.uris.isEmpty()
					&& this.uriPrefixes.isEmpty() && this.ipAddresses.isEmpty()) {
				throw new IllegalArgumentException(
						"a certificate allow-list must name at least one subject or alternative name");
			}
			return new CertificateAllowList(this);
		}

		private static String requireText(@Nullable String value, String name) {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be blank");
			}
			return value.trim();
		}

		private static String checkUri(@Nullable String value, String name) {
			String text = requireText(value, name);
			try {
				URI parsed = new URI(text);
				if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
					throw new URISyntaxException(text, "needs a scheme and an authority");
				}
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException(name + " is not an absolute URI: '" + value + "' (" + ex.getMessage()
						+ ")", ex);
			}
			return text;
		}

	}

}
