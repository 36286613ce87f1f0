package io.cdmf.ipc.spring.security;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Objects;

import io.cdmf.ipc.transport.PeerCredentials;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller that its transport identified: by the client certificate mutual TLS verified ({@code tcp://} TLS,
 * {@code grpcs://}), or by the Unix user the kernel reports ({@code unix://}, {@code shm://}). Its name is the
 * certificate's subject in RFC 2253 form ({@code CN=alice,O=Example}) or the Unix user name (or {@code uid:<n>}
 * when only the number is known); the {@link #getPeer() peer credentials} hold the rest.
 *
 * @since 0.1.0
 */
public class IpcPeerAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final String name;

	private final transient PeerCredentials peer;

	private final Kind kind;

	/**
	 * How the transport identified the caller.
	 */
	public enum Kind {

		/** By the client certificate that mutual TLS verified. */
		CERTIFICATE,
		/** By the Unix user (and group) the operating system reports. */
		UNIX_USER

	}

	/**
	 * Creates an authenticated caller.
	 * @param name the caller's name
	 * @param peer the transport's credentials of the caller
	 * @param kind how the transport identified it
	 * @param authorities what the caller may do
	 */
	public IpcPeerAuthentication(String name, PeerCredentials peer, Kind kind,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.peer = Objects.requireNonNull(peer, "peer must not be null");
		this.kind = Objects.requireNonNull(kind, "kind must not be null");
		setAuthenticated(true);
	}

	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * Returns the caller's name.
	 * @return the name
	 */
	@Override
	public Object getPrincipal() {
		return this.name;
	}

	/**
	 * Returns the caller's certificate for a certificate caller; nothing secret.
	 * @return the certificate, or {@code null} for a Unix user
	 */
	@Override
	public @Nullable Object getCredentials() {
		X509Certificate certificate = this.peer.certificate();
		return certificate;
	}

	/**
	 * Returns what the transport knows of the caller.
	 * @return the peer credentials
	 */
	public PeerCredentials getPeer() {
		return this.peer;
	}

	/**
	 * Returns how the caller was identified.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

}
