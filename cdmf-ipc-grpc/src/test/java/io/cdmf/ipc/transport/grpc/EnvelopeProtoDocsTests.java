package io.cdmf.ipc.transport.grpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope {@code .proto} published in {@code docs/} for other languages is the one the runtime is built from.
 */
class EnvelopeProtoDocsTests {

	@Test
	void shouldPublishTheEnvelopeProtoTheRuntimeIsBuiltFrom() throws IOException {
		List<String> source = Files.readAllLines(Path.of("src/main/proto/cdmf/ipc/v1/envelope.proto"));
		List<String> published = Files.readAllLines(Path.of("../docs/cdmf-envelope.proto"));
		assertThat(published.get(0)).startsWith("// Copy of cdmf-ipc-runtime/src/main/proto/cdmf/ipc/v1/envelope.proto");
		assertThat(published.subList(1, published.size())).isEqualTo(source);
	}

}
