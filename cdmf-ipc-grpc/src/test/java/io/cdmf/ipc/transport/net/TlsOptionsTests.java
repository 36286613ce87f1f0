package io.cdmf.ipc.transport.net;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.testsupport.TestCertificates;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportConfig;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TlsOptions}: a private key only from a file, never as PEM text in an endpoint URI or option; certificates
 * either way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsOptionsTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	private final TestCertificates certificates = new TestCertificates(this.endpoints.directory().resolve("pki"));

	@AfterAll
	void cleanUp() {
		this.endpoints.close();
	}

	private String pem(String file) throws IOException {
		return Files.readString(this.endpoints.directory().resolve("pki").resolve(file));
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcp://127.0.0.1:0?tls=true&", "grpcs://127.0.0.1:0?" })
	void refusesAPrivateKeyGivenAsPemTextInTheUriNamingTheFix(String prefix) throws IOException {
		String key = pem("server-key.pem");
		String uri = prefix + "cert-chain=" + this.certificates.chain("server") + "&private-key="
				+ URLEncoder.encode(key, StandardCharsets.UTF_8);
		String keyLine = key.lines().skip(1).findFirst().orElseThrow();
		assertThatThrownBy(() -> {
			try (Transport server = TransportFactory.create(uri)) {
				server.start();
			}
		}).isInstanceOf(IpcException.class)
			.satisfies(ex -> assertThat(((IpcException) ex).getErrorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
			.hasMessageContaining("private-key")
			.hasMessageContaining("PEM file")
			.hasMessageContaining("TransportConfig.Builder.tls")
			.hasMessageContaining("ssl.bundle")
			.satisfies(ex -> assertThat(ex.getMessage()).as("the key never reaches the message")
				.doesNotContain(keyLine));
	}

	@Test
	void refusesAPrivateKeyGivenAsPemTextAsAnOptionToo() throws IOException {
		TransportConfig config = TransportConfig.custom("tcp://127.0.0.1:0?tls=true")
			.option(TlsOptions.OPTION_CERT_CHAIN, this.certificates.chain("client").toString())
			.option(TlsOptions.OPTION_PRIVATE_KEY, pem("client-key.pem"))
			.build();
		assertThatThrownBy(() -> TlsOptions.of(config, false)).isInstanceOf(IpcException.class)
			.hasMessageContaining("tcp://127.0.0.1:0")
			.hasMessageNotContaining("BEGIN");
	}

	@Test
	void acceptsAKeyFileWithACertificateChainGivenAsPemText() throws IOException {
		TransportConfig config = TransportConfig.custom("grpcs://127.0.0.1:0?cert-chain="
				+ URLEncoder.encode(pem("server.pem"), StandardCharsets.UTF_8) + "&private-key="
				+ this.certificates.key("server") + "&trust-certs="
				+ URLEncoder.encode(pem("ca.pem"), StandardCharsets.UTF_8))
			.build();
		TlsOptions options = TlsOptions.of(config, true);
		assertThat(options).isNotNull();
		assertThat(options.keyManagers()).isNotEmpty();
		assertThat(options.trustManagers()).isNotEmpty();
	}

}
