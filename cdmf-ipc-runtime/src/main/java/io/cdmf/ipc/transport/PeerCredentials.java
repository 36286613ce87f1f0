package io.cdmf.ipc.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who is at the other end of a connection: as the kernel reports it on local transports ({@code SO_PEERCRED} on
 * Unix sockets), or as TLS verified it on network transports (the client's certificate chain under mutual TLS, whose
 * subject is also the {@link #user()}). Values a transport cannot tell are -1 (numbers) or empty (names, chain).
 *
 * @param pid the peer's process id
 * @param uid the peer's user id
 * @param gid the peer's group id
 * @param user the peer's user name; for mutual TLS the subject of its certificate (RFC 2253 form)
 * @param group the peer's group name
 * @param certificates the peer's certificate chain, leaf first, as the TLS handshake verified it; empty on
 * transports without TLS and for a TLS peer that sent no certificate
 * @since 0.1.0
 */
public record PeerCredentials(long pid, long uid, long gid, String user, String group,
		List<X509Certificate> certificates) {

	/** Credentials of a peer the transport cannot identify. */
	public static final PeerCredentials UNKNOWN = new PeerCredentials(-1, -1, -1, "", "");

	/**
	 * Creates credentials, copying the chain.
	 * @param pid the peer's process id
	 * @param uid the peer's user id
	 * @param gid the peer's group id
	 * @param user the peer's user name
	 * @param group the peer's group name
	 * @param certificates the verified chain, leaf first
	 */
	public PeerCredentials {
		Objects.requireNonNull(user, "user must not be null");
		Objects.requireNonNull(group, "group must not be null");
		certificates = List.copyOf(certificates);
	}

	/**
	 * Creates credentials of a local peer, without certificates.
	 * @param pid the peer's process id
	 * @param uid the peer's user id
	 * @param gid the peer's group id
	 * @param user the peer's user name
	 * @param group the peer's group name
	 */
	public PeerCredentials(long pid, long uid, long gid, String user, String group) {
		this(pid, uid, gid, user, group, List.of());
	}

	/**
	 * Returns the credentials of a TLS peer whose certificate chain the handshake verified: the leaf's subject is the
	 * {@link #user()}.
	 * @param chain the verified chain, leaf first, not empty
	 * @return the credentials
	 */
	public static PeerCredentials ofCertificates(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("chain must not be empty");
		}
		return new PeerCredentials(-1, -1, -1, chain.get(0).getSubjectX500Principal().getName(), "", chain);
	}

	/**
	 * Returns the peer's own certificate, the leaf of its verified chain.
	 * @return the certificate, or {@code null} when the peer presented none (or the transport has no TLS)
	 */
	public @Nullable X509Certificate certificate() {
		return this.certificates.isEmpty() ? null : this.certificates.get(0);
	}

	/**
	 * Returns whether the transport could tell anything about the peer.
	 * @return whether any field is known
	 */
	public boolean isKnown() {
		return this.pid >= 0 || this.uid >= 0 || this.gid >= 0 || !this.user.isEmpty() || !this.certificates.isEmpty();
	}

	@Override
	public String toString() {
		// The chain's encoded form would flood logs and error messages; its subject is the user already.
		return "PeerCredentials[pid=" + this.pid + ", uid=" + this.uid + ", gid=" + this.gid + ", user=" + this.user
				+ ", group=" + this.group + ", certificates=" + this.certificates.size() + "]";
	}

}
