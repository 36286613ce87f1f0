package io.cdmf.ipc.transport.grpc;

import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.cdmf.ipc.transport.PeerCredentials;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Puts who is calling into the gRPC {@link Context}: the remote address, and for mutual TLS the subject of the
 * client's verified certificate (as {@link PeerCredentials#user()}), so that the stub's authentication handler can
 * see them.
 *
 * @since 0.1.0
 */
final class PeerInterceptor implements ServerInterceptor {

	/** The caller's address, for logs and errors. */
	static final Context.Key<String> ADDRESS = Context.key("cdmf-peer-address");

	/** The caller's credentials. */
	static final Context.Key<PeerCredentials> CREDENTIALS = Context.key("cdmf-peer-credentials");

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
		SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
		PeerCredentials credentials = PeerCredentials.UNKNOWN;
		String address = String.valueOf(remote);
		if (session != null) {
			try {
				Certificate[] chain = session.getPeerCertificates();
				if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
					String subject = leaf.getSubjectX500Principal().getName();
					credentials = new PeerCredentials(-1, -1, -1, subject, "");
					address = address + " (" + subject + ")";
				}
			}
			catch (SSLPeerUnverifiedException ex) {
				// A client without a certificate, admitted because client-auth is not 'require'.
			}
		}
		Context context = Context.current().withValues(ADDRESS, address, CREDENTIALS, credentials);
		return Contexts.interceptCall(context, call, headers, next);
	}

	static String address() {
		String address = ADDRESS.get();
		return (address != null) ? address : "unknown gRPC peer";
	}

	static PeerCredentials credentials() {
		PeerCredentials credentials = CREDENTIALS.get();
		return (credentials != null) ? credentials : PeerCredentials.UNKNOWN;
	}

}
