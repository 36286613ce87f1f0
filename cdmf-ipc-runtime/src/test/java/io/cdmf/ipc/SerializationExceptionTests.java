package io.cdmf.ipc;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;

import io.cdmf.ipc.message.SerializationFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SerializationException}.
 */
class SerializationExceptionTests {

	@Test
	void shouldCarrySerializationErrorCode() {
		SerializationException ex = new SerializationException("failed", null);
		assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.SERIALIZATION_ERROR);
		assertThat(ex.getFormat()).isNull();
		assertThat(ex.getTargetType()).isNull();
		assertThat(ex).isInstanceOf(IpcException.class);
	}

	@Test
	void whenSerializationFailedThenNamesFormatValueTypeAndCause() {
		IllegalStateException cause = new IllegalStateException("boom");
		SerializationException ex = SerializationException.serializationFailed(SerializationFormat.JSON, 42, cause);
		assertThat(ex).hasMessage("Cannot serialize java.lang.Integer as JSON: IllegalStateException: boom")
			.hasCause(cause);
		assertThat(ex.getFormat()).isEqualTo(SerializationFormat.JSON);
		assertThat(ex.getTargetType()).isEqualTo("java.lang.Integer");
	}

	@Test
	void whenNullValueFailedThenNamesNull() {
		SerializationException ex = SerializationException.serializationFailed(SerializationFormat.JSON, null,
				new IOException());
		assertThat(ex).hasMessage("Cannot serialize null as JSON: java.io.IOException");
	}

	@Test
	void whenDeserializationFailedThenNamesFormatTargetTypeAndFirstLineOfCause() {
		IOException cause = new IOException("Unexpected end\n at [Source: REDACTED]");
		SerializationException ex = SerializationException.deserializationFailed(SerializationFormat.MESSAGEPACK,
				String.class, cause);
		assertThat(ex)
			.hasMessage("Cannot deserialize MESSAGEPACK payload as java.lang.String: IOException: Unexpected end");
		assertThat(ex.getTargetType()).isEqualTo("java.lang.String");
	}

	@Test
	void whenCauseMessageIsLongThenTruncatesIt() {
		SerializationException ex = SerializationException.deserializationFailed(SerializationFormat.JSON,
				Object.class, new IOException("x".repeat(1000)));
		assertThat(ex.getMessage()).hasSizeLessThan(300).endsWith("...");
	}

	@Test
	void whenArgumentTupleThenNamesEveryType() {
		Type[] types = { String.class, int.class, List.class };
		assertThat(SerializationException.invalidPayload(SerializationFormat.JSON, types, "too short"))
			.hasMessage("Cannot deserialize JSON payload as (java.lang.String, int, java.util.List): too short");
		assertThat(SerializationException.argumentSerializationFailed(SerializationFormat.JSON, types,
				new IOException("x")))
			.hasMessage("Cannot serialize arguments (java.lang.String, int, java.util.List) as JSON: IOException: x");
		assertThat(SerializationException.deserializationFailed(SerializationFormat.JSON, types, new IOException("x"))
			.getTargetType()).isEqualTo("(java.lang.String, int, java.util.List)");
	}

	@Test
	void shouldDescribeUnsupportedTypesAndMissingFormats() {
		assertThat(SerializationException.unsupportedType(SerializationFormat.BINARY, String.class, "byte[]"))
			.hasMessage("BINARY does not handle java.lang.String; it accepts byte[]");
		assertThat(SerializationException.formatUnavailable(SerializationFormat.PROTOBUF, "add it"))
			.hasMessage("No serializer for format PROTOBUF: add it");
		assertThat(SerializationException.argumentCountMismatch(SerializationFormat.JSON, 1, 2))
			.hasMessage("JSON argument tuple has 1 values but 2 types");
		assertThat(SerializationException.invalidValue(SerializationFormat.FLATBUFFERS, "v", "why"))
			.hasMessage("Cannot serialize java.lang.String as FLATBUFFERS: why");
	}

}
