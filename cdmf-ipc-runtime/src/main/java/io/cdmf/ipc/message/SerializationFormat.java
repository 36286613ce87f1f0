package io.cdmf.ipc.message;

import org.jspecify.annotations.Nullable;

/**
 * How a message's payload is encoded. It travels in the frame header, and the receiving side decodes the payload
 * by it.
 *
 * @since 0.1.0
 */
public enum SerializationFormat {

	/** Raw bytes, passed through unchanged. */
	BINARY(0, "application/octet-stream"),
	/** JSON (Jackson). */
	JSON(1, "application/json"),
	/** Protocol Buffers (protobuf-java). */
	PROTOBUF(2, "application/x-protobuf"),
	/** FlatBuffers: read in place, without copying. */
	FLATBUFFERS(3, "application/x-flatbuffers"),
	/** MessagePack (jackson-dataformat-msgpack). */
	MESSAGEPACK(4, "application/x-msgpack");

	private static final SerializationFormat[] BY_VALUE = { BINARY, JSON, PROTOBUF, FLATBUFFERS, MESSAGEPACK };

	private final int value;

	private final String contentType;

	SerializationFormat(int value, String contentType) {
		this.value = value;
		this.contentType = contentType;
	}

	/**
	 * Returns the value written on the wire.
	 * @return the value
	 */
	public int value() {
		return this.value;
	}

	/**
	 * Returns the MIME content type of this format.
	 * @return the content type
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Returns the format for a wire value.
	 * @param value the wire value
	 * @return the format, or {@code null} if the value is not defined
	 */
	public static @Nullable SerializationFormat ofValue(int value) {
		return (value >= 0 && value < BY_VALUE.length) ? BY_VALUE[value] : null;
	}

}
