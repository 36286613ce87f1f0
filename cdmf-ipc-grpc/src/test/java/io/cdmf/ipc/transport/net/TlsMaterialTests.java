package io.cdmf.ipc.transport.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.TestCertificates;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TlsMaterial;
import io.cdmf.ipc.transport.TransportConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TlsMaterial} in {@link TransportConfig}: key and trust managers built in code serve TLS and mutual TLS on
 * {@code tcp://}, {@code grpc://} and {@code grpcs://}, for servers and clients, over real connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsMaterialTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	private final TestCertificates certificates = new TestCertificates(this.endpoints.directory().resolve("pki"));

	private ServiceStub stub;

	@AfterEach
	void stop() {
		if (this.stub != null) {
			this.stub.stop();
		}
	}

	@AfterAll
	void cleanUp() {
		this.endpoints.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "grpc", "grpcs" })
	void servesMutualTlsWithMaterialGivenInCode(String scheme) throws Exception {
		TlsMaterial server = TlsMaterial.of(keys("server"), trust(this.certificates.ca().toString()));
		int port = start(TransportConfig.custom(scheme + "://127.0.0.1:0?client-auth=require").tls(server).build());
		String client = scheme + "://127.0.0.1:" + port;
		CallResult trusted = call(TransportConfig.custom(client)
			.tls(TlsMaterial.of(keys("client"), trust(this.certificates.ca().toString())))
			.build());
		assertThat(trusted.isSuccess()).as(trusted.toString()).isTrue();
		assertThat(new String(trusted.data(), StandardCharsets.UTF_8)).isEqualTo("O=CDMF,CN=trusted-client");
		CallResult withoutCertificate = call(
				TransportConfig.custom(client).tls(TlsMaterial.of(null, trust(this.certificates.ca().toString()))).build());
		assertThat(withoutCertificate.isSuccess()).as("no client certificate").isFalse();
		// A plain-text client of a TLS server is not answered: it fails by its (short) deadline or sooner.
		CallResult plainText = call(TransportConfig.custom(client).connectTimeout(Duration.ofSeconds(1)).build(),
				Duration.ofSeconds(1));
		assertThat(plainText.isSuccess()).as("a plain-text client of a TLS server").isFalse();
	}

	@Test
	void combinesMaterialForTheKeyWithTrustFromTheEndpoint() throws Exception {
		int port = start(TransportConfig.custom("grpcs://127.0.0.1:0?client-auth=require&trust-certs="
				+ this.certificates.ca()).tls(TlsMaterial.of(keys("server"), null)).build());
		CallResult result = call(TransportConfig.of("grpcs://127.0.0.1:" + port + "?trust-certs=" + this.certificates.ca()
				+ "&cert-chain=" + this.certificates.chain("client") + "&private-key=" + this.certificates.key("client")));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
		CallResult untrusted = call(TransportConfig.custom("grpcs://127.0.0.1:" + port)
			.tls(TlsMaterial.of(keys("client"), trust(this.certificates.rogueCa().toString())))
			.build());
		assertThat(untrusted.errorCode()).as("client trusting another CA").isEqualTo(ErrorCode.UNAVAILABLE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "grpc" })
	void aServerWhoseTlsComesFromMaterialSaysSoInItsBoundEndpoint(String scheme) throws Exception {
		this.stub = new ServiceStub(StubConfig.custom("Secure")
			.endpoint(TransportConfig.custom(scheme + "://127.0.0.1:0").tls(TlsMaterial.of(keys("server"), null)).build())
			.build());
		this.stub.registerHandler("whoami", request -> ByteBuffer.wrap(new byte[] { 1 }));
		this.stub.start();
		String bound = this.stub.getBoundEndpoints().get(0);
		assertThat(bound).endsWith("?tls=true");
		// What a client finds in a registry is enough, with its own trust.
		CallResult result = call(TransportConfig.of(bound + "&trust-certs=" + this.certificates.ca()));
		assertThat(result.isSuccess()).as(result.toString()).isTrue();
	}

	@Test
	void anEndpointSayingTlsFalseStaysPlainText() throws Exception {
		TransportConfig config = TransportConfig.custom("tcp://127.0.0.1:0?tls=false")
			.tls(TlsMaterial.of(keys("server"), null))
			.build();
		assertThat(TlsOptions.of(config, false)).isNull();
	}

	@Test
	void refusesMaterialGivenTwice() throws Exception {
		TransportConfig keysTwice = TransportConfig.custom("tcp://127.0.0.1:0?" + this.certificates.serverOptions("server"))
			.tls(TlsMaterial.of(keys("server"), null))
			.build();
		assertThatThrownBy(() -> TlsOptions.of(keysTwice, false)).isInstanceOf(IpcException.class)
			.hasMessageContaining("give it one way");
		TransportConfig trustTwice = TransportConfig.custom("tcp://127.0.0.1:0?trust-certs=" + this.certificates.ca())
			.tls(TlsMaterial.of(null, trust(this.certificates.ca().toString())))
			.build();
		assertThatThrownBy(() -> TlsOptions.of(trustTwice, false)).isInstanceOf(IpcException.class)
			.hasMessageContaining("trust-certs");
		assertThatIllegalArgumentException().isThrownBy(() -> TlsMaterial.of(null, null));
	}

	@Test
	void keepsMaterialThroughACopiedConfigurationAndNeverPrintsIt() throws Exception {
		TlsMaterial material = TlsMaterial.of(keys("server"), null);
		TransportConfig copy = TransportConfig.from(TransportConfig.custom("grpcs://127.0.0.1:0").tls(material).build())
			.build();
		assertThat(copy.tls()).isSameAs(material);
		assertThat(copy.toString()).contains("keys set").doesNotContain("BEGIN");
	}

	private int start(TransportConfig endpoint) {
		this.stub = new ServiceStub(StubConfig.custom("Secure").endpoint(endpoint).build());
		this.stub.registerHandler("whoami",
				request -> ByteBuffer.wrap(request.peer().user().getBytes(StandardCharsets.UTF_8)));
		this.stub.start();
		return EndpointUri.parse(this.stub.getBoundEndpoints().get(0)).port();
	}

	private static CallResult call(TransportConfig endpoint) {
		return call(endpoint, Duration.ofSeconds(10));
	}

	private static CallResult call(TransportConfig endpoint, Duration timeout) {
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.custom(endpoint).defaultTimeout(timeout).build())) {
			return proxy.call("whoami", new byte[0]);
		}
	}

	private KeyManagerFactory keys(String name) throws Exception {
		List<X509Certificate> chain = PemReader.certificates(this.certificates.chain(name).toString(), "test");
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		char[] password = "changeit".toCharArray();
		store.setKeyEntry("key", PemReader.privateKey(this.certificates.key(name).toString(), "test"), password,
				chain.toArray(new X509Certificate[0]));
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(store, password);
		return factory;
	}

	private static TrustManagerFactory trust(String caFile) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		int i = 0;
		for (X509Certificate certificate : PemReader.certificates(caFile, "test")) {
			store.setCertificateEntry("ca-" + i++, certificate);
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return factory;
	}

}
