package io.cdmf.ipc.transport.grpc;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageOrigin;
import io.cdmf.ipc.transport.AbstractTransport;
import io.cdmf.ipc.transport.Connection;
import io.cdmf.ipc.transport.RateLimitedLog;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportCounters;
import io.cdmf.ipc.transport.TransportType;
import io.cdmf.ipc.transport.net.NetEndpoints;
import io.cdmf.ipc.transport.net.TlsOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code grpc://host:port} and {@code grpcs://host:port} transports, on grpc-java with Netty (shaded): a server
 * and a channel owned by the transport, carrying each CDMF message as an envelope ({@code cdmf/ipc/v1/envelope.proto},
 * copied in {@code docs/cdmf-envelope.proto}).
 * <p>
 * A client sends every message on one long-lived {@code /cdmf.ipc.v1.Envelope/Stream} call, answers matched by
 * correlation id, each message's deadline in its envelope: the cheapest way through gRPC (no per-call stream, header
 * or deadline timer). With {@value #OPTION_CALL_MODE}{@code =unary} it sends each message as one unary
 * {@code /cdmf.ipc.v1.Envelope/Call} instead, its deadline being the gRPC deadline of the call; a failed call comes
 * back as an {@code ERROR} message with the code mapped from its gRPC status ({@link GrpcStatusMapping}). A server
 * serves both: it delivers each envelope with the call (or stream) as its origin, the stub's reply answers it, and
 * one-way messages and events on a unary call are acknowledged at once.
 * <p>
 * Standard gRPC clients call the stub's methods directly at {@code /<package>.<Service>/<method>} with protobuf
 * messages: the request bytes are the payload (format {@code PROTOBUF}), the reply's payload is the response, and an
 * error becomes a gRPC status. Option {@value #OPTION_SERVICE} names the services served that way (any name when
 * absent); option {@value #OPTION_PROTO_DESCRIPTOR} names protoc-generated classes whose services are declared to
 * gRPC, so that server reflection lists them. The standard health service reports {@code SERVING} for the server,
 * the envelope service and each named service while the transport serves, and {@code NOT_SERVING} once it stops.
 * <p>
 * TLS ({@code grpcs://}, or {@code grpc://} with {@code tls=true}) and mutual TLS take their certificates and keys
 * from the {@link TlsOptions}. Port 0 binds a free port, reported by {@link #getBoundEndpoint()}.
 *
 * @since 0.1.0
 */
public final class GrpcTransport extends AbstractTransport {

	/**
	 * Option: comma-separated full names of services that standard gRPC clients call ({@code calc.Calculator}). On a
	 * client, the first name is sent in header {@value GrpcServiceHost#SERVICE_HEADER}, so that a server shared by
	 * several services ({@link GrpcServiceHost}) hands the envelopes to that one.
	 */
	public static final String OPTION_SERVICE = "service";

	/**
	 * Option, server side: the name of a {@link GrpcServiceHost} whose gRPC server (run by the application) serves
	 * this endpoint instead of a server of the transport's own; the endpoint's host and port are then not bound.
	 */
	public static final String OPTION_SERVER = "server";

	/** Option: comma-separated protoc-generated outer classes whose services are declared for reflection. */
	public static final String OPTION_PROTO_DESCRIPTOR = "proto-descriptor";

	/**
	 * Option, client side: {@value #CALL_MODE_STREAM} (default) sends all messages on one long-lived
	 * {@code Envelope/Stream} call, each message's deadline travelling in its envelope; {@value #CALL_MODE_UNARY} sends
	 * each message as one {@code Envelope/Call} whose gRPC deadline is the message's.
	 */
	public static final String OPTION_CALL_MODE = "call-mode";

	/** Value of {@value #OPTION_CALL_MODE}: one long-lived bidirectional call for all messages (the default). */
	public static final String CALL_MODE_STREAM = "stream";

	/** Value of {@value #OPTION_CALL_MODE}: one unary call per message, with a gRPC deadline each. */
	public static final String CALL_MODE_UNARY = "unary";

	private static final Logger logger = LoggerFactory.getLogger(GrpcTransport.class);

	private final AtomicLong ids = new AtomicLong();

	private final RateLimitedLog rejectedLog = new RateLimitedLog(logger, 1_000);

	private @Nullable TlsOptions tls;

	private Set<String> services = Set.of();

	private List<String> descriptorClasses = List.of();

	private @Nullable GrpcServer server;

	private @Nullable GrpcClient client;

	private @Nullable String hostName;

	private volatile @Nullable GrpcServiceHost host;

	/**
	 * Creates a transport; call {@link #init(TransportConfig)} next.
	 */
	public GrpcTransport() {
	}

	@Override
	protected void doInit(TransportConfig config) {
		if (config.type() != TransportType.GRPC && config.type() != TransportType.GRPC_TLS) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"GrpcTransport serves grpc:// and grpcs:// endpoints, not " + config.endpoint());
		}
		NetEndpoints.socketAddress(config.endpoint());
		this.tls = TlsOptions.of(config, config.type() == TransportType.GRPC_TLS);
		this.services = new LinkedHashSet<>(list(config.option(OPTION_SERVICE)));
		this.descriptorClasses = list(config.option(OPTION_PROTO_DESCRIPTOR));
		this.hostName = config.option(OPTION_SERVER);
		String mode = config.option(OPTION_CALL_MODE);
		if (mode != null && !mode.equals(CALL_MODE_UNARY) && !mode.equals(CALL_MODE_STREAM)) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT,
					"Option " + OPTION_CALL_MODE + " of " + config.endpoint() + " must be unary or stream: '" + mode + "'");
		}
	}

	private static List<String> list(@Nullable String value) {
		return (value == null) ? List.of()
				: Arrays.stream(value.split(","))
					.map(String::trim)
					.filter(s -> !s.isEmpty())
					.collect(Collectors.toList());
	}

	/**
	 * Starts the gRPC server on the endpoint.
	 * @throws IpcException with {@code UNAVAILABLE} if the port cannot be bound, {@code INVALID_ARGUMENT} if TLS
	 * lacks a certificate or a descriptor class cannot be loaded, {@code ILLEGAL_STATE} if connected or stopped
	 */
	@Override
	public synchronized void start() {
		checkOpen();
		if (this.server != null || this.host != null) {
			return;
		}
		if (this.client != null) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "a connected client transport cannot also serve");
		}
		if (this.hostName != null) {
			GrpcServiceHost shared = GrpcServiceHost.require(this.hostName, getConfig().endpoint().uri());
			shared.add(this, this.services);
			this.host = shared;
			logger.info("Serving {} on the application's gRPC server '{}' (services {})", getConfig().endpoint(),
					this.hostName, this.services.isEmpty() ? "any" : this.services);
			if (this.tls != null && getConfig().type() == TransportType.GRPC) {
				logger.warn("The TLS settings of {} do not apply on the application's gRPC server '{}', which has "
						+ "TLS settings of its own (spring.grpc.server.ssl.*)", getConfig().endpoint(), this.hostName);
			}
			return;
		}
		GrpcServer started = new GrpcServer(this, getConfig(), this.tls, this.services, this.descriptorClasses);
		this.server = started;
		try {
			started.start();
		}
		catch (RuntimeException ex) {
			this.server = null;
			throw ex;
		}
	}

	/**
	 * Opens the channel and waits until it is connected.
	 * @throws IpcException with {@code UNAVAILABLE} if no connection is made within the connect timeout
	 */
	@Override
	public void connect() {
		GrpcClient current;
		synchronized (this) {
			checkOpen();
			if (this.server != null || this.host != null) {
				throw new IpcException(ErrorCode.ILLEGAL_STATE, "a serving transport cannot also connect");
			}
			current = this.client;
			if (current == null) {
				current = new GrpcClient(this, getConfig(), this.tls);
				this.client = current;
			}
		}
		current.connect();
	}

	@Override
	public void disconnect() {
		GrpcClient current = this.client;
		if (current != null) {
			current.disconnect();
		}
	}

	@Override
	public boolean isWorthSpinningFor() {
		// A gRPC round trip takes 80 µs and more even over loopback; a caller spinning for 50 µs of it slowed the
		// benchmark's single-caller round trip from 86 to 189 µs on two CPUs, taking them from Netty's threads.
		return false;
	}

	@Override
	public boolean isConnected() {
		GrpcClient current = this.client;
		return ((this.server != null || this.host != null) && !isClosed())
				|| (current != null && current.isConnected());
	}

	/**
	 * Sends a message: a client as an envelope call, a server as the answer to the call (or on the stream) the
	 * message's origin names.
	 * @param message the message
	 * @throws IpcException with {@code MESSAGE_TOO_LARGE} if it exceeds the maximum frame length, {@code UNAVAILABLE}
	 * if not connected, or if the call it answers was answered already or abandoned by its caller
	 */
	@Override
	public void send(Message message) {
		GrpcClient current = this.client;
		if (current != null) {
			current.send(message);
			return;
		}
		MessageOrigin origin = message.getOrigin();
		if ((this.server == null && this.host == null)
				|| !(origin instanceof GrpcServerCall<?> || origin instanceof GrpcServerStream)) {
			this.counters.sendError();
			throw new IpcException(ErrorCode.UNAVAILABLE, "cannot send " + message.getType() + " on "
					+ getConfig().endpoint() + ": not connected, or the message's origin is not a call of this server");
		}
		((Connection) origin).send(message);
	}

	/**
	 * Stops: a server reports NOT_SERVING to health watchers and shuts down, a client closes its channel. Idempotent.
	 */
	@Override
	public void stop() {
		GrpcServer serving;
		GrpcClient calling;
		GrpcServiceHost hosting;
		synchronized (this) {
			if (isClosed()) {
				return;
			}
			markClosed();
			serving = this.server;
			calling = this.client;
			hosting = this.host;
		}
		if (hosting != null) {
			hosting.remove(this);
		}
		if (serving != null) {
			serving.stop();
		}
		if (calling != null) {
			calling.disconnect();
		}
	}

	/**
	 * Returns the endpoint with the port a server actually bound.
	 * @return the endpoint URI text
	 */
	@Override
	public String getBoundEndpoint() {
		GrpcServer current = this.server;
		GrpcServiceHost hosting = this.host;
		int port = (current != null) ? current.port() : (hosting != null) ? hosting.port().orElse(-1) : -1;
		String bound = (port >= 0) ? NetEndpoints.withPort(getConfig().endpoint(), port)
				: getConfig().endpoint().uri();
		// Only this transport's own server uses its TLS; a shared server (GrpcServiceHost) has TLS of its own.
		return (this.tls != null && current != null) ? TlsOptions.advertise(bound, getConfig()) : bound;
	}

	private void checkOpen() {
		if (isClosed()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, "transport for " + getConfig().endpoint()
					+ " is stopped; create a new one");
		}
	}

	// ---- what the server and client parts reach ----

	TransportCounters counters() {
		return this.counters;
	}

	long nextId() {
		return this.ids.incrementAndGet();
	}

	void received(Message message, int size) {
		this.counters.messageReceived(size);
		deliver(message);
	}

	void handOver(Message message) {
		deliver(message);
	}

	void rejected(String peer, IpcException ex, @Nullable Connection connection) {
		this.counters.frameRejected();
		this.rejectedLog.warn("Refused an envelope from {} on {}: {}", peer, getBoundEndpoint(), ex.getMessage());
		reportError(ex.getErrorCode(), String.valueOf(ex.getMessage()), connection, false, ex);
	}

	void report(ErrorCode code, String text, @Nullable Connection connection, boolean closed,
			@Nullable Throwable cause) {
		reportError(code, text, connection, closed, cause);
	}

}
