package io.cdmf.ipc.factory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cdmf.ipc.channel.Locality;
import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.TransportType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TransportSelectorTests {

	private static final HostIdentity OTHER_HOST = new HostIdentity("other-boot", "other-machine", "far");

	@TempDir
	Path directory;

	private final TestEndpoints endpoints = new TestEndpoints();

	private ServiceStub stub;

	@AfterEach
	void stop() {
		if (this.stub != null) {
			this.stub.stop();
		}
		this.endpoints.close();
	}

	static String unique(String name) {
		return name + "-" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);
	}

	@Test
	void sameHostTakesSharedMemoryFirst() {
		String shm = "shm://" + unique("sel");
		String unix = this.endpoints.endpoint("unix", "sel");
		start(shm, unix, "tcp://127.0.0.1:0");
		ServiceEndpoint instance = ServiceEndpoint.forStub(this.stub).build();
		TransportChoice choice = TransportSelector.ofDefaults().select(instance);
		assertThat(choice.endpoint()).isEqualTo(shm);
		assertThat(choice.locality()).isEqualTo(Locality.SAME_HOST);
		assertThat(choice.reason()).contains("shm://").contains("on this host");
	}

	@Test
	void preferenceMovesUnixAheadOfSharedMemory() {
		String shm = "shm://" + unique("sel");
		String unix = this.endpoints.endpoint("unix", "sel");
		start(shm, unix);
		ServiceEndpoint instance = ServiceEndpoint.forStub(this.stub).build();
		TransportChoice choice = TransportSelector.custom().prefer(TransportType.UNIX_SOCKET).build().select(instance);
		assertThat(choice.endpoint()).isEqualTo(unix);
		assertThat(choice.reason()).contains("preferred by configuration");
	}

	@Test
	void anotherHostTakesTcpAndNeverHostLocalOnesNorATransportWhoseModuleIsMissing() {
		// The runtime's tests run without cdmf-ipc-grpc: grpc:// is skipped (GrpcTransportSelectorTests, in that
		// module, checks that it is taken before tcp:// when present).
		ServiceEndpoint instance = ServiceEndpoint.builder("Quotes")
			.endpoint("shm://quotes")
			.endpoint("unix:///tmp/quotes.sock")
			.endpoint("tcp://10.1.2.3:7070")
			.endpoint("grpc://10.1.2.3:7443")
			.host(OTHER_HOST)
			.build();
		TransportChoice choice = TransportSelector.ofDefaults().select(instance);
		assertThat(choice.endpoint()).isEqualTo("tcp://10.1.2.3:7070");
		assertThat(choice.locality()).isEqualTo(Locality.OTHER_HOST);
		assertThat(choice.skipped()).anyMatch(reason -> reason.startsWith("shm://quotes: shm:// reaches only its own host"))
			.anyMatch(reason -> reason.startsWith("grpc://10.1.2.3:7443: grpc:// is not available in this JVM"));
	}

	@Test
	void missingSocketOrSharedMemoryFileIsSkippedWithTheReason() {
		String tcp = "tcp://127.0.0.1:0";
		start(tcp);
		String bound = this.stub.getBoundEndpoints().get(0);
		ServiceEndpoint instance = ServiceEndpoint.builder("Quotes")
			.endpoint("shm://" + unique("gone"))
			.endpoint("unix://" + this.directory.resolve("absent.sock"))
			.endpoint(bound)
			.build();
		TransportChoice choice = TransportSelector.ofDefaults().select(instance);
		assertThat(choice.endpoint()).isEqualTo(bound);
		assertThat(choice.skipped()).hasSize(2);
		assertThat(choice.skipped().get(0)).contains("does not exist here (another /dev/shm?)");
		assertThat(choice.skipped().get(1)).contains("absent.sock does not exist here");
		assertThat(choice.reason()).contains("2 skipped");
	}

	@Test
	void unwritableSocketFileIsSkipped() throws IOException {
		Path socket = Files.createFile(this.directory.resolve("readonly.sock"));
		assertThat(socket.toFile().setWritable(false)).isTrue();
		org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(socket), "root may write any file");
		ServiceEndpoint instance = ServiceEndpoint.builder("Quotes").endpoint("unix://" + socket).build();
		TransportChoice choice = TransportSelector.ofDefaults().select(instance);
		assertThat(choice.isUsable()).isFalse();
		assertThat(choice.skipped().get(0)).contains("not writable");
	}

	@Test
	void endpointsThatFailedAreSkipped() {
		String unix = this.endpoints.endpoint("unix", "sel");
		start(unix, "tcp://127.0.0.1:0");
		ServiceEndpoint instance = ServiceEndpoint.forStub(this.stub).build();
		TransportChoice choice = TransportSelector.ofDefaults().select(instance, java.util.Set.of(unix));
		assertThat(choice.endpoint()).startsWith("tcp://127.0.0.1:");
		assertThat(choice.skipped()).containsExactly(unix + ": could not be connected to");
	}

	@Test
	void oneWayAndDatagramTransportsAreNeverChosen() {
		ServiceEndpoint instance = ServiceEndpoint.builder("Sensor")
			.endpoint("shm+journal://sensor")
			.endpoint("udp://127.0.0.1:9999")
			.build();
		TransportChoice choice = TransportSelector.ofDefaults().select(instance);
		assertThat(choice.isUsable()).isFalse();
		assertThat(choice.skipped()).allMatch(reason -> reason.contains("carries no calls with replies"));
		assertThatIllegalArgumentException().isThrownBy(() -> TransportSelector.custom().prefer(TransportType.UDP));
	}

	@Test
	void inProcessOnlyForThisProcess() {
		ServiceEndpoint here = ServiceEndpoint.builder("Quotes").endpoint("inproc://quotes").endpoint("tcp://127.0.0.1:1").build();
		TransportSelector selector = TransportSelector.custom().checkReachable(false).build();
		assertThat(selector.select(here).endpoint()).isEqualTo("inproc://quotes");
		assertThat(selector.select(here).locality()).isEqualTo(Locality.SAME_PROCESS);
		ServiceEndpoint elsewhere = ServiceEndpoint.builder("Quotes")
			.endpoint("inproc://quotes")
			.endpoint("tcp://127.0.0.1:1")
			.metadata(ServiceEndpoint.METADATA_PID, "1")
			.build();
		assertThat(selector.select(elsewhere).endpoint()).isEqualTo("tcp://127.0.0.1:1");
	}

	@Test
	void unknownHostTakesLocalityFromTheAddress() {
		ServiceEndpoint listed = ServiceEndpoint.builder("Quotes")
			.endpoint("tcp://10.9.8.7:7070")
			.endpoint("grpc://10.9.8.7:7443")
			.host(HostIdentity.unknown())
			.build();
		TransportChoice choice = TransportSelector.custom().checkReachable(false).build().select(listed);
		assertThat(choice.endpoint()).isEqualTo("grpc://10.9.8.7:7443");
		assertThat(choice.locality()).isEqualTo(Locality.OTHER_HOST);
		ServiceEndpoint loopback = ServiceEndpoint.builder("Quotes").endpoint("tcp://127.0.0.1:7070")
			.host(HostIdentity.unknown())
			.build();
		assertThat(TransportSelector.ofDefaults().select(loopback).locality()).isEqualTo(Locality.SAME_HOST);
	}

	@Test
	void wildcardAddressIsAdvertisedAsAReachableOne() {
		start("tcp://0.0.0.0:0");
		ServiceEndpoint instance = ServiceEndpoint.forStub(this.stub).build();
		assertThat(instance.endpoints().get(0)).doesNotContain("0.0.0.0").matches("tcp://[0-9.]+:[0-9]+");
	}

	private void start(String... endpoints) {
		StubConfig.Builder config = StubConfig.custom("Quotes");
		for (String endpoint : endpoints) {
			config.endpoint(endpoint);
		}
		this.stub = new ServiceStub(config.build());
		this.stub.registerMethod("echo", request -> request);
		this.stub.start();
	}

}
