package io.cdmf.ipc.fuzz;

import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdmf.ipc.serialization.json.JacksonJsonSerializer;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link JacksonJsonSerializer#deserialize} and {@code deserializeArguments} with the types of typed
 * interfaces; see {@link TypedPayloads} for the input layout and the invariants.
 *
 * @since 0.1.0
 */
class JsonSerializerFuzzer {

	static Stream<Arguments> seeds() {
		return FuzzSeeds.typedValues(new JacksonJsonSerializer());
	}

	private final JacksonJsonSerializer serializer = new JacksonJsonSerializer();

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "3s")
	void readsTypedValuesOrRejectsThem(byte[] input) {
		TypedPayloads.fuzz(this.serializer, input);
	}

}
