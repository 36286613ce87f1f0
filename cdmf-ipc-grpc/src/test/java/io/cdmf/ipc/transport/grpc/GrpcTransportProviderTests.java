package io.cdmf.ipc.transport.grpc;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.transport.HidingClassLoader;
import io.cdmf.ipc.transport.TransportDependency;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.TransportType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gRPC provider on a class path with and without grpc-java.
 */
class GrpcTransportProviderTests {

	@Test
	void shouldBeAvailableWithGrpcOnTheClassPath() {
		assertThat(new GrpcTransportProvider().isAvailable()).isTrue();
		assertThat(TransportFactory.isSupported(TransportType.GRPC)).isTrue();
		assertThat(TransportFactory.isSupported(TransportType.GRPC_TLS)).isTrue();
	}

	@Test
	void shouldNameTheVersionsOfTheJarsThisModuleBrings() {
		// What Maven filtered into the runtime's messages is what this module's tests run with.
		assertThat(System.getProperty("java.class.path"))
			.contains("grpc-stub-" + TransportDependency.buildVersion("grpc.version") + ".jar")
			.contains("grpc-netty-shaded-" + TransportDependency.buildVersion("grpc.version") + ".jar")
			.contains("protobuf-java-" + TransportDependency.buildVersion("protobuf.version") + ".jar");
	}

	@Test
	void whenThisModuleIsHiddenThenTheFactoryNamesItAsTheDependencyToAdd() {
		// The runtime lists this module's provider in no META-INF/services file; hiding its classes is what an
		// application without the module sees (the service entry of this jar cannot load and is skipped).
		ClassLoader withoutModule = new HidingClassLoader("io.cdmf.ipc.transport.grpc.");
		assertThat(TransportFactory.isSupported(TransportType.GRPC, withoutModule)).isFalse();
		assertThat(TransportFactory.isSupported(TransportType.TCP, withoutModule)).isTrue();
		assertThat(TransportFactory.unavailableReason(TransportType.GRPC_TLS, withoutModule))
			.contains("io.cdmf:cdmf-ipc-grpc:" + TransportDependency.buildVersion("cdmf-ipc.version"));
		assertThat(TransportFactory.missingDependencies(TransportType.GRPC, withoutModule))
			.extracting(TransportDependency::artifactId)
			.containsExactly("cdmf-ipc-grpc");
	}

	@Test
	void whenGrpcIsNotOnTheClassPathThenTheProviderSaysSoAndWhatToAdd() throws Exception {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!entry.contains(File.separator + "io" + File.separator + "grpc" + File.separator)
					&& !entry.contains("protobuf")) {
				urls.add(toUrl(entry));
			}
		}
		try (URLClassLoader withoutGrpc = new URLClassLoader(urls.toArray(new URL[0]),
				ClassLoader.getPlatformClassLoader())) {
			Class<?> provider = withoutGrpc.loadClass(GrpcTransportProvider.class.getName());
			Object instance = provider.getConstructor().newInstance();
			assertThat(invoke(provider, instance, "isAvailable")).isEqualTo(false);
			assertThat((String) invoke(provider, instance, "unavailableReason")).contains("grpc-netty-shaded");
			Class<?> factory = withoutGrpc.loadClass(TransportFactory.class.getName());
			Class<?> types = withoutGrpc.loadClass(TransportType.class.getName());
			Object grpc = types.getMethod("valueOf", String.class).invoke(null, "GRPC");
			assertThat(factory.getMethod("isSupported", types).invoke(null, grpc)).isEqualTo(false);
			Object tcp = types.getMethod("valueOf", String.class).invoke(null, "TCP");
			assertThat(factory.getMethod("isSupported", types).invoke(null, tcp)).isEqualTo(true);
		}
	}

	@Test
	void whenGrpcIsHiddenThenTheReasonNamesEveryArtifactWithItsVersionAndTheProtobufMinimum() {
		String grpc = TransportDependency.buildVersion("grpc.version");
		String protobuf = TransportDependency.buildVersion("protobuf.version");
		ClassLoader withoutGrpc = new HidingClassLoader("io.grpc.");
		assertThat(TransportFactory.isSupported(TransportType.GRPC, withoutGrpc)).isFalse();
		assertThat(TransportFactory.unavailableReason(TransportType.GRPC, withoutGrpc))
			.contains("io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder (from io.grpc:grpc-netty-shaded)")
			.contains("io.grpc:grpc-netty-shaded:" + grpc, "io.grpc:grpc-protobuf:" + grpc, "io.grpc:grpc-stub:" + grpc,
					"io.grpc:grpc-services:" + grpc)
			.contains("com.google.protobuf:protobuf-java:" + protobuf)
			.contains("must be at least " + protobuf)
			.contains("spring-boot-starter-parent");
		assertThat(TransportFactory.missingDependencies(TransportType.GRPC_TLS, withoutGrpc))
			.extracting(TransportDependency::artifactId)
			.containsExactly("grpc-netty-shaded", "grpc-protobuf", "grpc-stub", "grpc-services", "protobuf-java");
	}

	@Test
	void whenOnlyOneGrpcArtifactIsMissingThenTheReasonNamesIt() {
		ClassLoader withoutServices = new HidingClassLoader("io.grpc.services.");
		assertThat(new GrpcTransportProvider().unavailableReason(withoutServices))
			.contains("io.grpc.services.HealthStatusManager (from io.grpc:grpc-services)");
	}

	@Test
	void whenProtobufIsTooOldThenTheReasonSaysSoAndNamesTheMinimum() {
		// protobuf-java 3.x, which grpc-protobuf brings itself, has no RuntimeVersion.
		ClassLoader oldProtobuf = new HidingClassLoader("com.google.protobuf.RuntimeVersion");
		String protobuf = TransportDependency.buildVersion("protobuf.version");
		assertThat(TransportFactory.isSupported(TransportType.GRPC, oldProtobuf)).isFalse();
		assertThat(TransportFactory.unavailableReason(TransportType.GRPC, oldProtobuf))
			.startsWith("grpc-java is on the class path, but its com.google.protobuf:protobuf-java")
			.contains("is too old: it lacks com.google.protobuf.RuntimeVersion$RuntimeDomain")
			.contains("must be at least " + protobuf)
			.contains("com.google.protobuf:protobuf-java:" + protobuf)
			.contains("com.google.protobuf:protobuf-bom:" + protobuf);
		assertThat(TransportFactory.missingDependencies(TransportType.GRPC, oldProtobuf))
			.containsExactly(TransportDependency.of("com.google.protobuf", "protobuf-java", "protobuf.version"));
	}

	@Test
	void whenEverythingIsPresentThenNothingIsMissing() {
		ClassLoader loader = new HidingClassLoader("no.such.");
		assertThat(TransportFactory.isSupported(TransportType.GRPC, loader)).isTrue();
		assertThat(TransportFactory.unavailableReason(TransportType.GRPC, loader)).isEmpty();
		assertThat(TransportFactory.missingDependencies(TransportType.GRPC, loader)).isEmpty();
	}

	private static Object invoke(Class<?> type, Object target, String method)
			throws NoSuchMethodException, IllegalAccessException, InvocationTargetException {
		return type.getMethod(method).invoke(target);
	}

	private static URL toUrl(String entry) {
		try {
			return new File(entry).toURI().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException(entry, ex);
		}
	}

}
