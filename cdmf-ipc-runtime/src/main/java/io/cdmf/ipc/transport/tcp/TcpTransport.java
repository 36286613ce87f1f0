package io.cdmf.ipc.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportCounters;
import io.cdmf.ipc.transport.TransportType;
import io.cdmf.ipc.transport.net.NetEndpoints;
import io.cdmf.ipc.transport.net.TlsOptions;
import io.cdmf.ipc.transport.stream.StreamTransport;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tcp://host:port} transport: the same frame as {@code unix://}, over TCP, with {@code TCP_NODELAY}
 * (a frame goes out at once) and {@code SO_KEEPALIVE} (a silently vanished peer is noticed by the kernel).
 * <p>
 * In plain text it is the non-blocking {@link StreamTransport} engine: one selector thread, many clients per
 * server, writes straight from the caller's thread. Port 0 binds a free port, which {@link #getBoundEndpoint()}
 * reports. The listening socket has {@code SO_REUSEADDR} (the JDK's default for server channels), so a server that
 * was killed can be restarted on its port at once.
 * <p>
 * With option {@value TlsOptions#OPTION_TLS}{@code =true} (and the other {@link TlsOptions}), connections use TLS
 * 1.3 or 1.2 on the JDK's blocking {@code SSLSocket}s instead: one reader thread per connection, writes under a
 * per-connection lock ({@link TlsTcpEngine}). A client checks that the server's certificate names the endpoint's
 * host (or option {@value TlsOptions#OPTION_SERVER_NAME}); a server with {@code client-auth=require} admits only
 * clients with a trusted certificate, whose subject then appears as {@code PeerCredentials.user()}.
 *
 * @since 0.1.0
 */
public class TcpTransport extends StreamTransport {

	private @Nullable InetSocketAddress address;

	private @Nullable TlsTcpEngine tls;

	private volatile int boundPort = -1;

	/**
	 * Creates a transport; call {@link #init(TransportConfig)} next.
	 */
	public TcpTransport() {
	}

	@Override
	protected void doInit(TransportConfig config) {
		if (config.type() != TransportType.TCP) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"TcpTransport serves tcp:// endpoints, not " + config.endpoint());
		}
		super.doInit(config);
		InetSocketAddress resolved = NetEndpoints.socketAddress(config.endpoint());
		this.address = resolved;
		TlsOptions options = TlsOptions.of(config, false);
		if (options != null) {
			this.tls = new TlsTcpEngine(this, config, resolved, options);
		}
	}

	/**
	 * Returns whether this transport uses TLS.
	 * @return whether option {@code tls=true} was given
	 */
	public boolean isTls() {
		return this.tls != null;
	}

	@Override
	protected ProtocolFamily protocolFamily() {
		return NetEndpoints.isIpv6(requireAddress()) ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
	}

	@Override
	protected SocketAddress address() {
		return requireAddress();
	}

	private InetSocketAddress requireAddress() {
		InetSocketAddress result = this.address;
		if (result == null) {
			throw new IllegalStateException("transport is not initialized: call init(config) first");
		}
		return result;
	}

	@Override
	protected void afterBind(ServerSocketChannel channel) throws IOException {
		this.boundPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
	}

	@Override
	protected void configure(SocketChannel channel) throws IOException {
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
	}

	/**
	 * Returns the endpoint with the port actually bound: for a server started on port 0, the port the kernel chose.
	 * @return the endpoint URI text
	 */
	@Override
	public String getBoundEndpoint() {
		TlsTcpEngine engine = this.tls;
		int port = (engine != null) ? engine.boundPort() : this.boundPort;
		String bound = (port >= 0) ? NetEndpoints.withPort(getConfig().endpoint(), port)
				: getConfig().endpoint().uri();
		return (engine != null) ? TlsOptions.advertise(bound, getConfig()) : bound;
	}

	// ---- TLS: the blocking engine takes over the life cycle ----

	@Override
	public synchronized void start() {
		TlsTcpEngine engine = this.tls;
		if (engine == null) {
			super.start();
			return;
		}
		if (isClosed()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + getConfig().endpoint() + " is stopped");
		}
		engine.start();
	}

	@Override
	public void connect() {
		TlsTcpEngine engine = this.tls;
		if (engine == null) {
			super.connect();
			return;
		}
		if (isClosed()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + getConfig().endpoint() + " is stopped");
		}
		engine.connect();
	}

	@Override
	public void disconnect() {
		TlsTcpEngine engine = this.tls;
		if (engine == null) {
			super.disconnect();
			return;
		}
		engine.disconnect();
	}

	@Override
	public boolean isConnected() {
		TlsTcpEngine engine = this.tls;
		return (engine != null) ? engine.isConnected() : super.isConnected();
	}

	@Override
	public void send(Message message) {
		TlsTcpEngine engine = this.tls;
		if (engine == null) {
			super.send(message);
			return;
		}
		engine.send(message);
	}

	@Override
	public void stop() {
		TlsTcpEngine engine = this.tls;
		if (engine != null) {
			engine.stop();
		}
		super.stop();
	}

	// ---- what the TLS engine reaches of the transport ----

	TransportCounters tlsCounters() {
		return this.counters;
	}

	void tlsReceived(Message message, int frameLength) {
		this.counters.messageReceived(frameLength);
		deliver(message);
	}

	void tlsReport(ErrorCode code, String text, @Nullable Connection connection, boolean closed,
			@Nullable Throwable cause) {
		reportError(code, text, connection, closed, cause);
	}

}
