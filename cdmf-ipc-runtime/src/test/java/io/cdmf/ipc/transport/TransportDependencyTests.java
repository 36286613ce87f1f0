package io.cdmf.ipc.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TransportDependency}: versions filtered from the build, coordinates and the Maven snippet.
 */
class TransportDependencyTests {

	@Test
	void shouldTakeTheVersionsThisBuildUses() {
		// The test JVM runs with the same pom: what Maven filtered in must be real versions, not placeholders.
		for (String key : new String[] { "grpc.version", "protobuf.version", "chronicle-queue.version",
				"jnr-ffi.version" }) {
			assertThat(TransportDependency.buildVersion(key)).matches("\\d+(\\.\\d+)+.*");
		}
		// ...and the ones of the jars the tests run with.
		String classPath = System.getProperty("java.class.path");
		assertThat(classPath)
			.contains("grpc-stub-" + TransportDependency.of("io.grpc", "grpc-stub", "grpc.version").version() + ".jar")
			.contains("protobuf-java-" + TransportDependency.buildVersion("protobuf.version") + ".jar")
			.contains("chronicle-queue-" + TransportDependency.buildVersion("chronicle-queue.version") + ".jar");
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
