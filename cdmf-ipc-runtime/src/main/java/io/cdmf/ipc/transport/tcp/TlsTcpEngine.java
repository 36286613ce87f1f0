package io.cdmf.ipc.transport.tcp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameException;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.net.TlsOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of {@link TcpTransport}: JDK {@link SSLSocket}s, one accept thread per server and one reader thread
 * per connection.
 * <p>
 * Blocking sockets rather than an {@code SSLEngine} inside the selector loop: the engine's handshake, key updates
 * and close alerts would have to be driven by hand in the non-blocking stream engine that {@code unix://} shares,
 * for a path whose cost is dominated by the cryptography anyway. A thread per TLS connection is cheap at the
 * connection counts a service has ({@link TransportConfig#maxConnections()} caps them), and the plain-text path
 * stays as it is. A slow or hostile handshake runs on its connection's own thread, so it holds up no one else.
 * <p>
 * Writes take a per-connection lock for at most {@link TransportConfig#sendTimeout()}; a write that itself stalls
 * longer (the peer stopped reading) is broken by a watchdog that closes the connection, and the sender gets
 * {@code RESOURCE_EXHAUSTED}.
 *
 * @since 0.1.0
 */
final class TlsTcpEngine {

	private static final Logger logger = LoggerFactory.getLogger(TcpTransport.class);

	private static final long STOP_TIMEOUT_MILLIS = 5_000;

	private final TcpTransport transport;

	private final TransportConfig config;

	private final InetSocketAddress address;

	private final TlsOptions options;

	private final SSLContext context;

	private final String[] protocols;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, TlsTcpConnection> connections = new ConcurrentHashMap<>();

	private final RateLimitedLog rejectedLog = new RateLimitedLog(logger, 1_000);

	private @Nullable SSLServerSocket serverSocket;

	private @Nullable Thread acceptor;

	private @Nullable ScheduledExecutorService watchdog;

	private volatile @Nullable TlsTcpConnection client;

	private volatile boolean serving;

	private volatile int boundPort = -1;

	TlsTcpEngine(TcpTransport transport, TransportConfig config, InetSocketAddress address, TlsOptions options) {
		this.transport = transport;
		this.config = config;
		this.address = address;
		this.options = options;
		this.context = options.sslContext();
		List<String> supported = Arrays.asList(this.context.getSupportedSSLParameters().getProtocols());
		this.protocols = Arrays.stream(TlsOptions.PROTOCOLS).filter(supported::contains).toArray(String[]::new);
	}

	int boundPort() {
		return this.boundPort;
	}

	TransportConfig config() {
		return this.config;
	}

	TcpTransport transport() {
		return this.transport;
	}

	// ---- server ----

	synchronized void start() {
		if (this.serving) {
			return;
		}
		if (this.client != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "a connected client transport cannot also serve");
		}
		this.options.requireKeyManagers(this.config.endpoint());
		SSLServerSocket socket = null;
		try {
			socket = (SSLServerSocket) this.context.getServerSocketFactory().createServerSocket();
			socket.setReuseAddress(true);
			socket.bind(this.address, 1024);
			socket.setEnabledProtocols(this.protocols);
			socket.setNeedClientAuth(this.options.clientAuth() == TlsOptions.ClientAuth.REQUIRE);
			if (this.options.clientAuth() == TlsOptions.ClientAuth.OPTIONAL) {
				socket.setWantClientAuth(true);
			}
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot listen on " + this.config.endpoint() + ": " + ex.getMessage(), ex);
		}
		this.serverSocket = socket;
		this.boundPort = socket.getLocalPort();
		this.serving = true;
		startWatchdog();
		SSLServerSocket listening = socket;
		Thread thread = new Thread(() -> acceptLoop(listening), "cdmf-tls-accept-" + this.boundPort);
		thread.setDaemon(true);
		this.acceptor = thread;
		thread.start();
		logger.info("Listening on {} (TLS, client-auth {})", this.transport.getBoundEndpoint(),
				this.options.clientAuth());
	}

	private void acceptLoop(SSLServerSocket listening) {
		while (this.serving) {
			Socket accepted;
			try {
				accepted = listening.accept();
			}
			catch (IOException ex) {
				if (listening.isClosed()) {
					return;
				}
				this.rejectedLog.warn("Accepting a connection on {} failed: {}", this.config.endpoint(),
						ex.getMessage());
				continue;
			}
			if (this.connections.size() >= this.config.maxConnections()) {
				this.rejectedLog.warn("Refused a connection on {}: {} connections are open, the limit",
						this.config.endpoint(), this.connections.size());
				closeQuietly(accepted);
				continue;
			}
			open((SSLSocket) accepted, true);
		}
	}

	// ---- client ----

	synchronized void connect() {
		if (this.serving) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "a serving transport cannot also connect");
		}
		TlsTcpConnection current = this.client;
		if (current != null && current.isOpen()) {
			return;
		}
		int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, this.config.connectTimeout().toMillis()));
		Socket plain = new Socket();
		SSLSocket socket = null;
		try {
			plain.connect(this.address, timeout);
			String serverName = (this.options.serverName() != null) ? this.options.serverName()
					: this.config.endpoint().requireHost();
			socket = (SSLSocket) this.context.getSocketFactory().createSocket(plain, serverName,
					this.address.getPort(), true);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			parameters.setProtocols(this.protocols);
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(timeout);
			socket.startHandshake();
			socket.setSoTimeout(0);
		}
		catch (SSLException ex) {
			closeQuietly((socket != null) ? socket : plain);
			throw new IpcException(ErrorCode.UNAUTHENTICATED,
					"TLS handshake with " + this.config.endpoint() + " failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			closeQuietly((socket != null) ? socket : plain);
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot connect to " + this.config.endpoint() + ": " + ex.getMessage(), ex);
		}
		startWatchdog();
		this.client = open(socket, false);
		logger.debug("Connected to {} over {}", this.config.endpoint(), socket.getSession().getProtocol());
	}

	private TlsTcpConnection open(SSLSocket socket, boolean accepted) {
		try {
			socket.setTcpNoDelay(true);
			socket.setKeepAlive(true);
		}
		catch (IOException ex) {
			this.rejectedLog.warn("Could not set TCP options on a connection of {}: {}", this.config.endpoint(),
					ex.getMessage());
		}
		TlsTcpConnection connection = new TlsTcpConnection(this, socket, this.ids.incrementAndGet(), accepted);
		this.connections.put(connection.id(), connection);
		this.transport.tlsCounters().connectionOpened();
		connection.start();
		return connection;
	}

	void disconnect() {
		TlsTcpConnection current = this.client;
		if (current != null) {
			current.close();
		}
	}

	boolean isConnected() {
		TlsTcpConnection current = this.client;
		return this.serving || (current != null && current.isOpen());
	}

	// ---- both ----

	void send(Message message) {
		TlsTcpConnection target;
		if (this.serving) {
			MessageOrigin origin = message.getOrigin();
			if (!(origin instanceof TlsTcpConnection connection)
					|| this.connections.get(connection.id()) != connection) {
				this.transport.tlsCounters().sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "cannot send " + message.getType() + " from server "
						+ this.config.endpoint() + ": the message's origin connection is gone or unknown");
			}
			target = connection;
		}
		else {
			TlsTcpConnection connection = this.client;
			if (connection == null || !connection.isOpen()) {
				this.transport.tlsCounters().sendError();
				throw new IpcException(ErrorCode.UNAVAILABLE, "not connected to " + this.config.endpoint());
			}
			target = connection;
		}
		target.send(message);
	}

	void stop() {
		SSLServerSocket listening;
		Thread accepting;
		ScheduledExecutorService timer;
		boolean wasServing;
		synchronized (this) {
			wasServing = this.serving;
			this.serving = false;
			listening = this.serverSocket;
			this.serverSocket = null;
			accepting = this.acceptor;
			timer = this.watchdog;
			this.watchdog = null;
		}
		closeQuietly(listening);
		if (accepting != null) {
			join(accepting);
		}
		for (TlsTcpConnection connection : this.connections.values()) {
			connection.close(ErrorCode.UNAVAILABLE, "transport " + this.config.endpoint() + " stopped", null);
		}
		for (TlsTcpConnection connection : this.connections.values()) {
			connection.join(STOP_TIMEOUT_MILLIS);
		}
		if (timer != null) {
			timer.shutdownNow();
		}
		if (wasServing) {
			logger.info("Stopped listening on {}", this.transport.getBoundEndpoint());
		}
	}

	// ---- callbacks from connections ----

	void frameRejected(TlsTcpConnection connection, FrameException ex, boolean fatal) {
		this.transport.tlsCounters().frameRejected();
		this.rejectedLog.warn("Rejected a frame from {} on {}: {}{}", connection.describe(), this.config.endpoint(),
				ex.getErrorInfo(), fatal ? "; closing the connection" : "");
		if (this.serving) {
			Message reply = Message.create(MessageType.ERROR).setErrorInfo(ex.getErrorInfo());
			// A frame that could not be read ran nothing: the caller may send its request elsewhere.
			reply.getHeader()
				.setCorrelationId(ex.getClaimedMessageId())
				.setFlag(MessageHeader.FLAG_NOT_EXECUTED, true);
			try {
				connection.send(reply);
			}
			catch (IpcException sendFailure) {
				logger.debug("Could not tell {} that its frame was rejected", connection.describe(), sendFailure);
			}
		}
		if (fatal) {
			connection.close(ex.getErrorCode(), "closed after a bad frame: " + ex.getErrorInfo().message(), ex);
		}
		else {
			this.transport.tlsReport(ex.getErrorCode(), ex.getErrorInfo().message(), connection, false, ex);
		}
	}

	void handshakeFailed(TlsTcpConnection connection, SSLException ex) {
		this.rejectedLog.warn("TLS handshake with {} on {} failed: {}", connection.describe(), this.config.endpoint(),
				ex.getMessage());
	}

	void connectionClosed(TlsTcpConnection connection, ErrorCode code, String reason, @Nullable Throwable cause) {
		if (this.connections.remove(connection.id(), connection)) {
			this.transport.tlsCounters().connectionClosed();
		}
		logger.debug("Closed {}: {}", connection, reason);
		this.transport.tlsReport(code, reason, connection, true, cause);
	}

	private synchronized void startWatchdog() {
		if (this.watchdog != null) {
			return;
		}
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "cdmf-tls-watchdog-" + this.config.endpoint().uri());
			thread.setDaemon(true);
			return thread;
		});
		long sendTimeoutNanos = this.config.sendTimeout().toNanos();
		long period = Math.max(10, this.config.sendTimeout().toMillis() / 4);
		timer.scheduleWithFixedDelay(() -> {
			long now = System.nanoTime();
			for (TlsTcpConnection connection : this.connections.values()) {
				connection.closeIfWriteStalled(now, sendTimeoutNanos);
			}
		}, period, period, TimeUnit.MILLISECONDS);
		this.watchdog = timer;
	}

	private static void join(Thread thread) {
		try {
			thread.join(STOP_TIMEOUT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void closeQuietly(@Nullable Closeable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (IOException ex) {
				logger.debug("Closing a socket failed", ex);
			}
		}
	}

}
