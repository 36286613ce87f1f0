package io.cdmf.ipc.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceEndpointCodecTests {

	private final ServiceEndpoint instance = ServiceEndpoint.builder("Quotes")
		.instanceId("Quotes-a/1 ü")
		.version("1.2.0")
		.endpoint("shm://quotes-a")
		.endpoint("unix:///tmp/quotes-a.sock")
		.endpoint("tcp://10.0.0.5:7070?weight=2")
		.host(new HostIdentity("boot-1", "machine-1", "host1"))
		.metadata(ServiceEndpoint.METADATA_SERIALIZATION, "PROTOBUF")
		.metadata("zone", "a=b:c\nd")
		.healthy(false)
		.build();

	@Test
	void roundTripsEveryField() {
		byte[] entry = ServiceEndpointCodec.encode(this.instance);
		assertThat(ServiceEndpointCodec.decode(entry, "test")).isEqualTo(this.instance);
		assertThat(new String(entry, StandardCharsets.UTF_8)).contains("service=Quotes").contains("format=1");
	}

	@Test
	void encodingIsStable() {
		assertThat(ServiceEndpointCodec.encode(this.instance)).isEqualTo(ServiceEndpointCodec.encode(this.instance));
	}

	@Test
	void ignoresUnknownKeys() {
		byte[] entry = (new String(ServiceEndpointCodec.encode(this.instance), StandardCharsets.UTF_8)
				+ "future.key=1\n").getBytes(StandardCharsets.UTF_8);
		assertThat(ServiceEndpointCodec.decode(entry, "test")).isEqualTo(this.instance);
	}

	@Test
	void truncatedEntryIsRefusedNamingWhatIsMissing() {
		byte[] entry = ServiceEndpointCodec.encode(this.instance);
		String text = new String(entry, StandardCharsets.UTF_8);
		byte[] truncated = text.substring(0, text.indexOf("host.machine-id")).getBytes(StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceEndpointCodec.decode(truncated, "file-x"))
			.withMessageContaining("file-x")
			.withMessageContaining("host.machine-id");
	}

	@Test
	void otherFormatIsRefused() {
		byte[] entry = new String(ServiceEndpointCodec.encode(this.instance), StandardCharsets.UTF_8)
			.replace("format=1", "format=9")
			.getBytes(StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceEndpointCodec.decode(entry, "x"))
			.withMessageContaining("format 9");
	}

	@Test
	void invalidEndpointIsRefused() {
		byte[] entry = new String(ServiceEndpointCodec.encode(this.instance), StandardCharsets.UTF_8)
			.replace("shm\\://quotes-a", "nope\\://x")
			.getBytes(StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceEndpointCodec.decode(entry, "x"))
			.withMessageContaining("not a valid instance");
	}

	@Test
	void instanceWithoutEndpointsIsRefused() {
		String text = new String(ServiceEndpointCodec.encode(this.instance), StandardCharsets.UTF_8);
		StringBuilder kept = new StringBuilder();
		for (String line : text.split("\n")) {
			if (!line.startsWith("endpoint.")) {
				kept.append(line).append('\n');
			}
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceEndpointCodec.decode(kept.toString().getBytes(StandardCharsets.UTF_8), "x"))
			.withMessageContaining("at least one endpoint");
	}

	@Test
	void oversizedEntryIsRefused() {
		byte[] huge = new byte[ServiceEndpointCodec.MAX_ENTRY_BYTES + 1];
		Arrays.fill(huge, (byte) 'a');
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceEndpointCodec.decode(huge, "x"))
			.withMessageContaining("more than");
	}

	@Test
	void garbageIsRefused() {
		byte[] garbage = { (byte) 0xff, 0, 1, 2, '\\', 'u', 'z' };
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceEndpointCodec.decode(garbage, "x"));
	}

}
