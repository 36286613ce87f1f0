package io.cdmf.ipc.transport;

import io.cdmf.ipc.IpcException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TransportDependency}: versions filtered from the build, the modules of the optional transports,
 * coordinates and the Maven snippet.
 */
class TransportDependencyTests {

	@Test
	void shouldTakeTheVersionsThisBuildUses() {
		// The test JVM runs with the same pom: what Maven filtered in must be real versions, not placeholders.
		// (cdmf-ipc-grpc and cdmf-ipc-journal check that these are the versions of the jars they run with.)
		for (String key : new String[] { "grpc.version", "protobuf.version", "chronicle-queue.version",
				"jnr-ffi.version", "cdmf-ipc.version" }) {
			assertThat(TransportDependency.buildVersion(key)).matches("\\d+(\\.\\d+)+.*");
		}
		assertThat(System.getProperty("java.class.path"))
			.contains("jnr-ffi-" + TransportDependency.buildVersion("jnr-ffi.version") + ".jar");
	}

	@Test
	void shouldNameTheModuleOfEachTransportTheRuntimeDoesNotServeItself() {
		String version = TransportDependency.buildVersion("cdmf-ipc.version");
		assertThat(TransportDependency.moduleOf(TransportType.GRPC)).map(TransportDependency::coordinates)
			.hasValue("io.cdmf:cdmf-ipc-grpc:" + version);
		assertThat(TransportDependency.moduleOf(TransportType.GRPC_TLS)).map(TransportDependency::artifactId)
			.hasValue("cdmf-ipc-grpc");
		assertThat(TransportDependency.moduleOf(TransportType.SHARED_MEMORY_JOURNAL))
			.map(TransportDependency::coordinates)
			.hasValue("io.cdmf:cdmf-ipc-journal:" + version);
		for (TransportType type : new TransportType[] { TransportType.TCP, TransportType.SHARED_MEMORY,
				TransportType.UNIX_SOCKET, TransportType.IN_PROCESS }) {
			assertThat(TransportDependency.moduleOf(type)).as("%s", type).isEmpty();
		}
	}

	@Test
	void whenTheModuleOfATransportIsNotOnTheClassPathThenTheFactoryNamesItAsTheOneDependencyToAdd() {
		// The runtime's tests run without cdmf-ipc-grpc and cdmf-ipc-journal: what a user without them sees.
		String version = TransportDependency.buildVersion("cdmf-ipc.version");
		ClassLoader loader = TransportFactory.class.getClassLoader();
		assertThat(TransportFactory.isSupported(TransportType.GRPC, loader)).isFalse();
		assertThat(TransportFactory.unavailableReason(TransportType.GRPC, loader))
			.startsWith("grpc:// is served by the module io.cdmf:cdmf-ipc-grpc, which is not on the class path")
			.contains("Add the dependency io.cdmf:cdmf-ipc-grpc:" + version);
		assertThat(TransportFactory.missingDependencies(TransportType.GRPC_TLS, loader))
			.containsExactly(new TransportDependency("io.cdmf", "cdmf-ipc-grpc", version));
		assertThat(TransportFactory.missingDependencies(TransportType.SHARED_MEMORY_JOURNAL, loader))
			.containsExactly(new TransportDependency("io.cdmf", "cdmf-ipc-journal", version));
		assertThat(TransportFactory.missingDependencies(TransportType.TCP, loader)).isEmpty();
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> TransportFactory.create("shm+journal://events"))
			.withMessageContaining("add the dependency io.cdmf:cdmf-ipc-journal:" + version);
	}

	@Test
	void shouldRejectAnUnknownVersionKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> TransportDependency.buildVersion("nope.version"))
			.withMessageContaining("nope.version");
	}

	@Test
	void shouldRenderCoordinatesAndMavenXml() {
		TransportDependency dependency = new TransportDependency("net.openhft", "chronicle-queue", "2026.4");
		assertThat(dependency.coordinates()).isEqualTo("net.openhft:chronicle-queue:2026.4");
		assertThat(dependency).hasToString("net.openhft:chronicle-queue:2026.4");
		assertThat(dependency.toMavenXml()).contains("<groupId>net.openhft</groupId>")
			.contains("<artifactId>chronicle-queue</artifactId>")
			.contains("<version>2026.4</version>");
	}

}
