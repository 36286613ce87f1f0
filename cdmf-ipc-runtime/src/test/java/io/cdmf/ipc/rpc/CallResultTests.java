package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.SerializationFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result holds its payload as a buffer or as a whole array; both read the same through {@link CallResult#data()}
 * and {@link CallResult#dataBuffer()}.
 */
class CallResultTests {

	@Test
	void shouldKeepAnArrayPayloadAndHandItOutWithoutACopy() {
		byte[] payload = { 1, 2, 3 };
		CallResult result = CallResult.success(payload, SerializationFormat.JSON);

		assertThat(result.isSuccess()).isTrue();
		assertThat(result.data()).isSameAs(payload);
		ByteBuffer buffer = result.dataBuffer();
		assertThat(buffer.remaining()).isEqualTo(3);
		assertThat(buffer.get(2)).isEqualTo((byte) 3);
		buffer.position(3);
		assertThat(result.dataBuffer().remaining()).as("each buffer is its own view").isEqualTo(3);
		assertThat(result.format()).isEqualTo(SerializationFormat.JSON);
		assertThat(result).hasToString("CallResult[success, 3 bytes]");
	}

	@Test
	void shouldReadABufferPayloadFromItsPositionToItsLimit() {
		ByteBuffer payload = ByteBuffer.wrap(new byte[] { 9, 1, 2, 9 }, 1, 2);
		CallResult result = CallResult.success(payload, SerializationFormat.BINARY);

		assertThat(result.data()).containsExactly(1, 2);
		assertThat(result.dataBuffer().remaining()).isEqualTo(2);
		assertThat(payload.position()).isEqualTo(1);
	}

	@Test
	void shouldGiveAFailureAnEmptyPayload() {
		CallResult result = CallResult.failure(ErrorCode.TIMEOUT, "too slow");

		assertThat(result.isSuccess()).isFalse();
		assertThat(result.data()).isEmpty();
		assertThat(result.dataBuffer().remaining()).isZero();
		assertThat(result.errorCode()).isEqualTo(ErrorCode.TIMEOUT);
	}

}
