package io.cdmf.ipc.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.TestCertificates;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.PeerCredentials;
import io.cdmf.ipc.transport.net.PemReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CertificateAllowList} over real mutual TLS on {@code tcp://} and {@code grpcs://}, with certificates made for
 * the test: a listed subject or alternative name is served, another certificate of the same trusted CA and a caller
 * without a certificate get {@code UNAUTHENTICATED} (not run), and a certificate of an untrusted CA fails the
 * handshake.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateAllowListTests {

	private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

	private final TestEndpoints endpoints = new TestEndpoints();

	private final TestCertificates certificates = new TestCertificates(this.endpoints.directory().resolve("pki"));

	private final List<PeerCredentials> served = new CopyOnWriteArrayList<>();

	private ServiceStub stub;

	@AfterEach
	void stop() {
		if (this.stub != null) {
			this.stub.stop();
		}
		this.served.clear();
	}

	@AfterAll
	void cleanUp() {
		this.endpoints.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "grpcs" })
	void admitsAListedSubjectAndRefusesOtherCertificatesOfTheSameAuthority(String scheme) {
		int port = start(scheme, "optional",
				CertificateAllowList.builder().subject("o=CDMF, cn=trusted-client").build());
		assertThat(call(scheme, port, "client").isSuccess()).isTrue();
		assertRefused(call(scheme, port, "spiffe-client"));
		assertRefused(call(scheme, port, "other-client"));
		assertRefused(call(scheme, port, null));
		assertThat(this.served).singleElement().satisfies(peer -> {
			assertThat(peer.user()).isEqualTo("O=CDMF,CN=trusted-client");
			assertThat(peer.certificates()).hasSize(2);
			assertThat(peer.certificate().getSubjectX500Principal().getName()).isEqualTo("O=CDMF,CN=trusted-client");
			assertThat(peer.certificates().get(1).getSubjectX500Principal().getName()).isEqualTo("CN=CDMF Test CA");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "grpcs" })
	void admitsBySpiffeIdAndRefusesAnotherTrustDomain(String scheme) {
		int port = start(scheme, "require",
				CertificateAllowList.builder().uriPrefix("spiffe://cdmf.test/").build());
		assertThat(call(scheme, port, "spiffe-client").isSuccess()).isTrue();
		assertRefused(call(scheme, port, "other-client"));
		assertRefused(call(scheme, port, "client"));
		CallResult rogue = call(scheme, port, "rogue-client");
		assertThat(rogue.isSuccess()).as("certificate of an untrusted CA").isFalse();
		assertThat(rogue.errorCode()).as(rogue.toString())
			.isIn(ErrorCode.UNAVAILABLE, ErrorCode.UNAUTHENTICATED);
		CallResult none = call(scheme, port, null);
		assertThat(none.isSuccess()).as("no certificate under client-auth=require").isFalse();
		assertThat(this.served).hasSize(1);
	}

	@Test
	void admitsByDnsNameIpAddressAndExactUri() {
		int port = start("tcp", "require", CertificateAllowList.builder().dnsName("QUOTES.cdmf.test").build());
		assertThat(call("tcp", port, "spiffe-client").isSuccess()).isTrue();
		assertRefused(call("tcp", port, "other-client"));
		this.stub.stop();
		port = start("grpcs", "require", CertificateAllowList.builder().ipAddress("10.1.2.3").build());
		assertThat(call("grpcs", port, "spiffe-client").isSuccess()).isTrue();
		assertRefused(call("grpcs", port, "other-client"));
		this.stub.stop();
		port = start("tcp", "require",
				CertificateAllowList.builder().uri("spiffe://other.test/ns/prod/sa/quotes").build());
		assertThat(call("tcp", port, "other-client").isSuccess()).isTrue();
		assertRefused(call("tcp", port, "spiffe-client"));
	}

	@Test
	void worksAsAnInterceptorOfTheStubConfiguration() {
		CertificateAllowList allowList = CertificateAllowList.builder().uri("spiffe://cdmf.test/ns/prod/sa/quotes")
			.build();
		this.stub = new ServiceStub(StubConfig.custom("Secure")
			.endpoint("grpcs://127.0.0.1:0?" + this.certificates.serverOptions("server") + "&client-auth=require"
					+ "&trust-certs=" + this.certificates.ca())
			.interceptor(allowList.asInterceptor())
			.build());
		this.stub.registerHandler("echo", request -> {
			this.served.add(request.peer());
			return ByteBuffer.wrap(HELLO);
		});
		this.stub.start();
		int port = EndpointUri.parse(this.stub.getBoundEndpoints().get(0)).port();
		assertThat(call("grpcs", port, "spiffe-client").isSuccess()).isTrue();
		assertRefused(call("grpcs", port, "client"));
		assertThat(this.served).hasSize(1);
	}

	@Test
	void matchesWildcardsOneLabelDeepAndIgnoresOtherNameTypes() {
		X509Certificate spiffe = leaf("spiffe-client");
		X509Certificate other = leaf("other-client");
		CertificateAllowList wildcard = CertificateAllowList.builder().dnsName("*.cdmf.test").build();
		assertThat(wildcard.admits(spiffe)).as("quotes.cdmf.test").isTrue();
		assertThat(wildcard.admits(other)).as("a.quotes.cdmf.test is two labels deep").isFalse();
		assertThat(CertificateAllowList.builder().dnsName("*.quotes.cdmf.test").build().admits(other)).isTrue();
		assertThat(CertificateAllowList.builder().dnsName("10.1.2.3").build().admits(spiffe))
			.as("an IP SAN is not a DNS name")
			.isFalse();
		assertThat(CertificateAllowList.builder().ipAddress("0:0:0:0:0:ffff:a01:203").build().admits(spiffe))
			.as("IPv4-mapped form of 10.1.2.3")
			.isTrue();
		assertThat(CertificateAllowList.builder().uriPrefix("spiffe://cdmf.test/ns/").build().admits(other))
			.isFalse();
		assertThat(CertificateAllowList.builder().subject("O=CDMF,CN=quotes").build().admits(spiffe)).isTrue();
	}

	@Test
	void comparesSubjectsAsDistinguishedNamesInTheOrderJavaPrintsThem() {
		// TestCertificates writes "CN=quotes,O=CDMF" with BouncyCastle, which keeps that order in the encoding;
		// RFC 2253 (and so Java and openssl -nameopt RFC2253) print the last RDN first.
		X509Certificate spiffe = leaf("spiffe-client");
		assertThat(spiffe.getSubjectX500Principal().getName()).isEqualTo("O=CDMF,CN=quotes");
		assertThat(CertificateAllowList.builder().subject("CN=quotes,O=CDMF").build().admits(spiffe)).isFalse();
	}

	@Test
	void refusesPeersWithoutCertificateUnlessTold() {
		CertificateAllowList strict = CertificateAllowList.builder().subject("CN=x").build();
		CertificateAllowList lenient = CertificateAllowList.builder().subject("CN=x").admitPeersWithoutCertificate()
			.build();
		assertThat(strict.authenticate(null, PeerCredentials.UNKNOWN)).isFalse();
		assertThat(lenient.authenticate(null, PeerCredentials.UNKNOWN)).isTrue();
		assertThat(strict.authenticate(null, new PeerCredentials(1, 1000, 1000, "CN=x", ""))).as(
				"a Unix user named like the subject is no certificate")
			.isFalse();
	}

	@Test
	void aPeerAllowListDoesNotTakeACertificateSubjectForAUnixUser() {
		PeerCredentials tls = PeerCredentials.ofCertificates(
				PemReader.certificates(this.certificates.chain("client").toString(), "test"));
		assertThat(tls.user()).isEqualTo("O=CDMF,CN=trusted-client");
		assertThat(PeerAllowList.builder().user("O=CDMF,CN=trusted-client").build().authenticate(null, tls))
			.as("a subject named as a user")
			.isFalse();
		assertThat(PeerAllowList.builder().currentUser().admitUnknownPeers().build().authenticate(null, tls))
			.as("a TLS peer is no Unix peer: unknown to the allow-list")
			.isTrue();
	}

	@Test
	void rejectsListsThatAdmitNobodyOrCannotMatch() {
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateAllowList.builder().build());
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateAllowList.builder().subject("not a dn"))
			.withMessageContaining("not a dn");
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateAllowList.builder().dnsName("a.*.org"));
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateAllowList.builder().ipAddress("localhost"))
			.withMessageContaining("localhost");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAllowList.builder().uriPrefix("spiffe://cdmf.test"))
			.withMessageContaining("'/'");
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateAllowList.builder().uri("quotes"));
	}

	private X509Certificate leaf(String name) {
		return PemReader.certificates(this.certificates.chain(name).toString(), "test").get(0);
	}

	private int start(String scheme, String clientAuth, CertificateAllowList allowList) {
		String tls = scheme.equals("tcp") ? "tls=true&" : "";
		this.stub = new ServiceStub(StubConfig.custom("Secure")
			.endpoint(scheme + "://127.0.0.1:0?" + tls + this.certificates.serverOptions("server") + "&client-auth="
					+ clientAuth + "&trust-certs=" + this.certificates.ca())
			.build());
		this.stub.registerHandler("echo", request -> {
			this.served.add(request.peer());
			return ByteBuffer.wrap(HELLO);
		});
		this.stub.setAuthenticationHandler(allowList);
		this.stub.start();
		return EndpointUri.parse(this.stub.getBoundEndpoints().get(0)).port();
	}

	private CallResult call(String scheme, int port, String identity) {
		String endpoint = scheme + "://127.0.0.1:" + port + "?" + (scheme.equals("tcp") ? "tls=true&" : "")
				+ "trust-certs=" + this.certificates.ca();
		if (identity != null) {
			endpoint += "&cert-chain=" + this.certificates.chain(identity) + "&private-key="
					+ this.certificates.key(identity);
		}
		try (ServiceProxy proxy = new ServiceProxy(
				ProxyConfig.custom(endpoint).defaultTimeout(Duration.ofSeconds(10)).build())) {
			return proxy.call("echo", HELLO);
		}
	}

	private static void assertRefused(CallResult result) {
		assertThat(result.errorCode()).as(result.toString()).isEqualTo(ErrorCode.UNAUTHENTICATED);
		assertThat(result.isKnownNotRun()).isTrue();
	}

}
