package io.cdmf.ipc.spring.security;

import java.util.List;

import io.cdmf.ipc.rpc.ServerCall;
import io.cdmf.ipc.security.BearerTokens;
import io.cdmf.ipc.transport.PeerCredentials;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * The caller of a call, in this order: the caller the {@link IpcBearerTokenAuthenticator} (if any) makes of the call's
 * bearer token; else the subject of the client certificate that mutual TLS verified; else the Unix user the kernel
 * reports ({@code unix://}, {@code shm://}); else nobody (an anonymous call). The peer callers are
 * {@link IpcPeerAuthentication}s without authorities: check them by name
 * ({@code @PreAuthorize("authentication.name == 'CN=alice,O=Example'")}), or declare an
 * {@link IpcAuthenticationConverter} of your own that adds them.
 *
 * @since 0.1.0
 */
public class DefaultIpcAuthenticationConverter implements IpcAuthenticationConverter {

	private final @Nullable IpcBearerTokenAuthenticator tokens;

	/**
	 * Creates a converter.
	 * @param tokens turns bearer tokens into callers, or {@code null} to ignore tokens
	 */
	public DefaultIpcAuthenticationConverter(@Nullable IpcBearerTokenAuthenticator tokens) {
		this.tokens = tokens;
	}

	@Override
	public @Nullable Authentication convert(ServerCall call) {
		IpcBearerTokenAuthenticator authenticator = this.tokens;
		if (authenticator != null) {
			String token = BearerTokens.token(call.request());
			if (token != null) {
				Authentication caller = authenticator.authenticate(token);
				if (caller != null) {
					return caller;
				}
			}
		}
		PeerCredentials peer = call.peer();
		if (peer.certificate() != null) {
			return new IpcPeerAuthentication(peer.user(), peer, IpcPeerAuthentication.Kind.CERTIFICATE, List.of());
		}
		if (!peer.user().isEmpty()) {
			return new IpcPeerAuthentication(peer.user(), peer, IpcPeerAuthentication.Kind.UNIX_USER, List.of());
		}
		if (peer.uid() >= 0) {
			return new IpcPeerAuthentication("uid:" + peer.uid(), peer, IpcPeerAuthentication.Kind.UNIX_USER,
					List.of());
		}
		return null;
	}

}
