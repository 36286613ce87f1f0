package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.stream.StreamTransport;
import org.jspecify.annotations.Nullable;

/**
 * The {@code unix://} transport: frames over a Unix domain stream socket, on the JDK's own
 * {@link UnixDomainSocketAddress} channels (faster here than jnr-unixsocket, see {@code docs/transports.md}).
 * <p>
 * As a server it claims its socket file through {@link UnixSocketFiles} (a stale file of a dead server is replaced,
 * a live server's is never taken), gives it the configured permissions (default owner-only), removes it on stop, and
 * reports each client's uid, gid and pid ({@link PeerCredentialsReader}).
 *
 * @since 0.1.0
 */
public class UnixSocketTransport extends StreamTransport {

	private @Nullable Path path;

	private @Nullable UnixSocketFiles files;

	@Override
	protected void doInit(TransportConfig config) {
		super.doInit(config);
		this.path = config.endpoint().requirePath();
	}

	private Path path() {
		Path result = this.path;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized");
		}
		return result;
	}

	@Override
	protected ProtocolFamily protocolFamily() {
		return StandardProtocolFamily.UNIX;
	}

	@Override
	protected SocketAddress address() {
		return UnixDomainSocketAddress.of(path());
	}

	@Override
	protected void beforeBind() {
		this.files = UnixSocketFiles.claim(path(), UnixSocketTransport::isLive);
	}

	@Override
	protected void afterBind(ServerSocketChannel channel) {
		UnixSocketFiles claimed = this.files;
		if (claimed != null) {
			claimed.applyPermissions(getConfig().socketPermissions());
		}
	}

	@Override
	protected void afterUnbind() {
		UnixSocketFiles claimed = this.files;
		this.files = null;
		if (claimed != null) {
			claimed.close();
		}
	}

	@Override
	protected PeerCredentials peerCredentials(SocketChannel channel) {
		return PeerCredentialsReader.read(channel);
	}

	@Override
	protected String describePeer(SocketChannel channel, PeerCredentials credentials) {
		return (credentials.pid() >= 0) ? "pid " + credentials.pid() + " (uid " + credentials.uid() + ")"
				: "user " + (credentials.user().isEmpty() ? "unknown" : credentials.user());
	}

	/**
	 * Returns whether a server accepts connections on a socket file.
	 * @param socket the socket file
	 * @return whether a connection was accepted
	 */
	static boolean isLive(Path socket) {
		try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			probe.connect(UnixDomainSocketAddress.of(socket));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
