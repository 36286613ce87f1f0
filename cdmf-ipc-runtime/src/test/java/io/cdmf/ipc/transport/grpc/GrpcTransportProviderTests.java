package io.cdmf.ipc.transport.grpc;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

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
