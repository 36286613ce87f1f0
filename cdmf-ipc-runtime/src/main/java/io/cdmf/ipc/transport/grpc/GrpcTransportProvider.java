package io.cdmf.ipc.transport.grpc;

import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@link GrpcTransport}s for {@code grpc://} and {@code grpcs://} endpoints when grpc-java is on the class
 * path; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.cdmf.ipc.transport.TransportProvider}.
 * <p>
 * This class names no gRPC type, so it loads without gRPC, and {@link #isAvailable()} then says {@code false}.
 *
 * @since 0.1.0
 */
public final class GrpcTransportProvider implements TransportProvider {

	private static final String[] REQUIRED = { "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder",
			"io.grpc.protobuf.ProtoUtils", "io.grpc.stub.ClientCalls", "io.grpc.services.HealthStatusManager",
			"com.google.protobuf.Message" };

	private static final String ARTIFACTS = "io.grpc:grpc-netty-shaded, io.grpc:grpc-protobuf, io.grpc:grpc-stub, "
			+ "io.grpc:grpc-services";

	private final @Nullable String missing = missingClass();

	/**
	 * Creates the provider; {@link java.util.ServiceLoader} calls this.
	 */
	public GrpcTransportProvider() {
	}

	private static @Nullable String missingClass() {
		for (String name : REQUIRED) {
			try {
				Class.forName(name, false, GrpcTransportProvider.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return name;
			}
		}
		return null;
	}

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.GRPC, TransportType.GRPC_TLS);
	}

	/**
	 * Returns whether grpc-java and protobuf-java are on the class path.
	 * @return whether the transport can run
	 */
	@Override
	public boolean isAvailable() {
		return this.missing == null;
	}

	@Override
	public String unavailableReason() {
		return (this.missing != null) ? "class " + this.missing + " is not on the class path; add " + ARTIFACTS
				+ " (the versions of io.grpc:grpc-bom) and com.google.protobuf:protobuf-java" : "";
	}

	@Override
	public Transport create(TransportType type) {
		return new GrpcTransport();
	}

}
