package io.cdmf.ipc.transport.grpc;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeGrpc;
import io.cdmf.ipc.transport.net.NetEndpoints;
import io.cdmf.ipc.transport.net.TlsOptions;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a {@link GrpcTransport}: a grpc-java Netty server carrying the envelope service, the raw
 * methods of user services, the standard health service and server reflection (v1 and v1alpha).
 * <p>
 * Calls run on Netty's event loop ({@code directExecutor}): decoding an envelope and handing the message to the
 * stub is short, and the stub runs handlers on its own pool, so a thread hop here would only add latency.
 *
 * @since 0.1.0
 */
final class GrpcServer {

	private static final Logger logger = LoggerFactory.getLogger(GrpcTransport.class);

	private static final long STOP_GRACE_MILLIS = 2_000;

	private final GrpcTransport transport;

	private final TransportConfig config;

	private final @Nullable TlsOptions tls;

	private final Set<String> services;

	private final List<String> descriptorClasses;

	private final HealthStatusManager health = new HealthStatusManager();

	private @Nullable Server server;

	private volatile int port = -1;

	GrpcServer(GrpcTransport transport, TransportConfig config, @Nullable TlsOptions tls, Set<String> services,
			List<String> descriptorClasses) {
		this.transport = transport;
		this.config = config;
		this.tls = tls;
		this.services = services;
		this.descriptorClasses = descriptorClasses;
	}

	@SuppressWarnings("deprecation")
	void start() {
		List<ServerServiceDefinition> declared = ProtoServices.load(this.descriptorClasses, this.services, this::raw);
		Set<String> reserved = Set.of(EnvelopeGrpc.SERVICE_NAME, HealthGrpc.SERVICE_NAME,
				"grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
		NettyServerBuilder builder = NettyServerBuilder
			.forAddress(NetEndpoints.socketAddress(this.config.endpoint()), credentials())
			.withOption(ChannelOption.SO_REUSEADDR, true)
			.directExecutor()
			.maxInboundMessageSize(this.config.maxFrameLength())
			.intercept(new PeerInterceptor())
			.addService(envelopeService())
			.addService(this.health.getHealthService())
			.addService(ProtoReflectionServiceV1.newInstance())
			.addService(io.grpc.protobuf.services.ProtoReflectionService.newInstance())
			.fallbackHandlerRegistry(new RawMethodRegistry(this.services, reserved, this::raw));
		declared.forEach(builder::addService);
		Server started;
		try {
			started = builder.build().start();
		}
		catch (IOException ex) {
			throw new IpcException(ErrorCode.UNAVAILABLE,
					"Cannot listen on " + this.config.endpoint() + ": " + ex.getMessage(), ex);
		}
		this.server = started;
		this.port = started.getPort();
		Set<String> serving = new LinkedHashSet<>(this.services);
		serving.add(EnvelopeGrpc.SERVICE_NAME);
		declared.forEach(definition -> serving.add(definition.getServiceDescriptor().getName()));
		this.health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
		serving.forEach(name -> this.health.setStatus(name, ServingStatus.SERVING));
		logger.info("Listening on {} (gRPC{}, services {})", this.transport.getBoundEndpoint(),
				(this.tls != null) ? " over TLS, client-auth " + this.tls.clientAuth() : "", serving);
	}

	private ServerCredentials credentials() {
		TlsOptions options = this.tls;
		if (options == null) {
			return InsecureServerCredentials.create();
		}
		TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder()
			.keyManager(options.requireKeyManagers(this.config.endpoint()))
			.clientAuth(switch (options.clientAuth()) {
				case NONE -> TlsServerCredentials.ClientAuth.NONE;
				case OPTIONAL -> TlsServerCredentials.ClientAuth.OPTIONAL;
				case REQUIRE -> TlsServerCredentials.ClientAuth.REQUIRE;
			});
		if (options.trustManagers() != null) {
			builder.trustManager(options.trustManagers());
		}
		return builder.build();
	}

	private ServerServiceDefinition envelopeService() {
		return EnvelopeCalls.definition(() -> this.transport);
	}

	private void raw(String method, byte[] request, StreamObserver<byte[]> responses) {
		EnvelopeCalls.raw(this.transport, method, request, responses);
	}

	int port() {
		return this.port;
	}

	/**
	 * Reports NOT_SERVING to health watchers, then shuts the server down: running calls get the grace period, then
	 * the rest are cancelled.
	 */
	void stop() {
		Server current = this.server;
		if (current == null) {
			return;
		}
		this.health.enterTerminalState();
		current.shutdown();
		try {
			if (!current.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
				current.shutdownNow();
				current.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			current.shutdownNow();
		}
		logger.info("Stopped listening on {}", NetEndpoints.withPort(this.config.endpoint(), this.port));
	}

}
