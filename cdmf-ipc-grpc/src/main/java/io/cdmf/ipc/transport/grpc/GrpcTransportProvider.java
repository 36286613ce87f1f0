package io.cdmf.ipc.transport.grpc;

import java.util.List;
import java.util.Set;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportDependency;
import io.cdmf.ipc.transport.TransportProvider;
import io.cdmf.ipc.transport.TransportType;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@link GrpcTransport}s for {@code grpc://} and {@code grpcs://} endpoints when grpc-java is on the class
 * path; registered for {@link java.util.ServiceLoader} in this module's (cdmf-ipc-grpc's)
 * {@code META-INF/services/io.cdmf.ipc.transport.TransportProvider}. Without this module on the class path the
 * runtime names {@code io.cdmf:cdmf-ipc-grpc} as the dependency to add.
 * <p>
 * This class names no gRPC type, so it loads without gRPC, and {@link #isAvailable()} then says {@code false}, with
 * the exact artifacts to add. It also catches a protobuf-java older than the one our generated code needs (no
 * {@code com.google.protobuf.RuntimeVersion$RuntimeDomain}), which otherwise fails later with a
 * {@link NoClassDefFoundError}.
 *
 * @since 0.1.0
 */
public final class GrpcTransportProvider implements TransportProvider {

	/** The class protobuf-java 4.x generated code needs; older protobuf-java (3.x) lacks it. */
	static final String PROTOBUF_RUNTIME_CLASS = "com.google.protobuf.RuntimeVersion$RuntimeDomain";

	private static final TransportDependency PROTOBUF = TransportDependency.of("com.google.protobuf", "protobuf-java",
			"protobuf.version");

	private static final List<TransportDependency> ARTIFACTS = List.of(grpc("grpc-netty-shaded"),
			grpc("grpc-protobuf"), grpc("grpc-stub"), grpc("grpc-services"), PROTOBUF);

	/** A class of each artifact, in the order of {@link #ARTIFACTS}. */
	private static final String[] REQUIRED = { "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder",
			"io.grpc.protobuf.ProtoUtils", "io.grpc.stub.ClientCalls", "io.grpc.services.HealthStatusManager",
			"com.google.protobuf.Message" };

	private final String reason = reason(GrpcTransportProvider.class.getClassLoader());

	/**
	 * Creates the provider; {@link java.util.ServiceLoader} calls this.
	 */
	public GrpcTransportProvider() {
	}

	private static TransportDependency grpc(String artifactId) {
		return TransportDependency.of("io.grpc", artifactId, "grpc.version");
	}

	private static @Nullable Integer missingArtifact(ClassLoader classLoader) {
		for (int i = 0; i < REQUIRED.length; i++) {
			if (!isPresent(REQUIRED[i], classLoader)) {
				return i;
			}
		}
		return null;
	}

	private static boolean isPresent(String className, ClassLoader classLoader) {
		try {
			Class.forName(className, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// Absent, or present but unloadable (a broken or mixed-up jar): either way not usable; the caller
			// reports which class and which artifact.
			return false;
		}
	}

	private static String reason(ClassLoader classLoader) {
		Integer missing = missingArtifact(classLoader);
		if (missing != null) {
			return "grpc:// and grpcs:// need grpc-java and protobuf-java, but class " + REQUIRED[missing] + " (from "
					+ ARTIFACTS.get(missing).groupId() + ':' + ARTIFACTS.get(missing).artifactId()
					+ ") is not on the class path, although io.cdmf:cdmf-ipc-grpc depends on it (an <exclusion>, or a "
					+ "build that lists jars itself, left it out). Add the dependencies " + join(ARTIFACTS) + ". "
					+ protobufNote();
		}
		if (!isPresent(PROTOBUF_RUNTIME_CLASS, classLoader)) {
			return "grpc-java is on the class path, but its com.google.protobuf:protobuf-java is too old: it lacks "
					+ PROTOBUF_RUNTIME_CLASS + ", so calls would fail with NoClassDefFoundError. " + protobufNote();
		}
		return "";
	}

	private static String protobufNote() {
		return "com.google.protobuf:protobuf-java must be at least " + PROTOBUF.version()
				+ " (the version this build of cdmf-ipc uses): io.grpc:grpc-protobuf itself depends on an older 3.x, "
				+ "which Maven picks unless the build names a version, also under spring-boot-starter-parent (Spring "
				+ "Boot's dependency management does not pin protobuf-java; other BOMs, such as Spring gRPC's, may pin "
				+ "an older one). Declare " + PROTOBUF.coordinates()
				+ " as a dependency, or import com.google.protobuf:protobuf-bom:" + PROTOBUF.version()
				+ " in <dependencyManagement>";
	}

	private static String join(List<TransportDependency> dependencies) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < dependencies.size(); i++) {
			if (i > 0) {
				text.append((i == dependencies.size() - 1) ? " and " : ", ");
			}
			text.append(dependencies.get(i).coordinates());
		}
		return text.toString();
	}

	@Override
	public Set<TransportType> types() {
		return Set.of(TransportType.GRPC, TransportType.GRPC_TLS);
	}

	/**
	 * Returns whether grpc-java and a recent enough protobuf-java are on the class path.
	 * @return whether the transport can run
	 */
	@Override
	public boolean isAvailable() {
		return this.reason.isEmpty();
	}

	@Override
	public String unavailableReason() {
		return this.reason;
	}

	@Override
	public boolean isAvailable(ClassLoader classLoader) {
		return unavailableReason(classLoader).isEmpty();
	}

	@Override
	public String unavailableReason(ClassLoader classLoader) {
		return (classLoader == GrpcTransportProvider.class.getClassLoader()) ? this.reason : reason(classLoader);
	}

	@Override
	public List<TransportDependency> missingDependencies(ClassLoader classLoader) {
		Integer missing = missingArtifact(classLoader);
		if (missing != null) {
			return ARTIFACTS;
		}
		return isPresent(PROTOBUF_RUNTIME_CLASS, classLoader) ? List.of() : List.of(PROTOBUF);
	}

	@Override
	public Transport create(TransportType type) {
		return new GrpcTransport();
	}

}
