package io.cdmf.ipc.transport.grpc;

import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.cdmf.ipc.transport.PeerCredentials;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.jspecify.annotations.Nullable;

/**
 * Puts who is calling into the gRPC {@link Context}: the transport attributes of the call, from which {@link Peer}
 * derives the remote address and, for mutual TLS, the client's verified certificate chain and its subject (as
 * {@link PeerCredentials#user()}), so that the stub's authentication handler can see them. It also puts the call's
 * request headers there, for {@link GrpcHeaderMapping} to turn into message headers when a standard gRPC client's
 * call becomes a request message.
 * <p>
 * Only the attributes and a reference to the headers travel with each call; the address text and the certificate
 * are worked out when someone asks (an authentication handler, an error message), not on every call, and the headers
 * are read only for standard gRPC clients' calls.
 *
 * @since 0.1.0
 */
final class PeerInterceptor implements ServerInterceptor {

	/** The caller's transport attributes. */
	static final Context.Key<Attributes> ATTRIBUTES = Context.key("cdmf-peer-attributes");

	/** The call's request headers. */
	static final Context.Key<Metadata> HEADERS = Context.key("cdmf-call-headers");

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		// One context for both: a reference to the headers gRPC made anyway costs nothing more per call.
		Context context = Context.current().withValues(ATTRIBUTES, call.getAttributes(), HEADERS, headers);
		return Contexts.interceptCall(context, call, headers, next);
	}

	/**
	 * Returns the caller of the call whose context is current.
	 * @return the peer, unknown outside a call
	 */
	static Peer current() {
		return new Peer(ATTRIBUTES.get());
	}

	/**
	 * The caller of one call: its address and credentials, worked out once on first use.
	 */
	static final class Peer {

		private final Attributes attributes;

		private @Nullable String address;

		private PeerCredentials credentials = PeerCredentials.UNKNOWN;

		Peer(@Nullable Attributes attributes) {
			this.attributes = (attributes != null) ? attributes : Attributes.EMPTY;
		}

		/**
		 * Returns the caller's address, with the certificate subject for mutual TLS, for logs and errors.
		 * @return the address text
		 */
		synchronized String address() {
			String known = this.address;
			return (known != null) ? known : resolve();
		}

		/**
		 * Returns the caller's credentials.
		 * @return the credentials, {@link PeerCredentials#UNKNOWN} without a client certificate
		 */
		synchronized PeerCredentials credentials() {
			resolve();
			return this.credentials;
		}

		private String resolve() {
			if (this.address != null) {
				return this.address;
			}
			SocketAddress remote = this.attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
			SSLSession session = this.attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
			PeerCredentials found = PeerCredentials.UNKNOWN;
			String text = (remote != null) ? String.valueOf(remote) : "unknown gRPC peer";
			if (session != null) {
				try {
					List<X509Certificate> chain = new ArrayList<>();
					for (Certificate certificate : session.getPeerCertificates()) {
						if (certificate instanceof X509Certificate x509) {
							chain.add(x509);
						}
					}
					if (!chain.isEmpty()) {
						found = PeerCredentials.ofCertificates(chain);
						text = text + " (" + found.user() + ")";
					}
				}
				catch (SSLPeerUnverifiedException ex) {
					// A client without a certificate, admitted because client-auth is not 'require'.
				}
			}
			this.credentials = found;
			this.address = text;
			return text;
		}

	}

}
