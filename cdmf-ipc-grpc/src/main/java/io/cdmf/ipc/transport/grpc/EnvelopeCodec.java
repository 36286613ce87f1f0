package io.cdmf.ipc.transport.grpc;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.ErrorInfo;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.message.MessagePriority;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;

/**
 * Converts between {@link Message} and the envelope of {@code cdmf/ipc/v1/envelope.proto}, field by field, and
 * checks what arrives as strictly as the frame decoder checks a frame: an envelope that does not make a valid
 * message is refused with a typed code, never half-read.
 *
 * @since 0.1.0
 */
final class EnvelopeCodec {

	private static final int ID_LENGTH = 16;

	// The envelope says in fields what these flags say in a frame: error and headers.
	private static final int CONTENT_FLAGS = MessageHeader.FLAG_ERROR_INFO | MessageHeader.FLAG_HEADERS;

	private EnvelopeCodec() {
	}

	/**
	 * Writes a message as an envelope. The payload is wrapped, not copied: the envelope is meant to be handed to
	 * gRPC at once, whose marshaller writes it out before the call returns (grpc-java frames a message on the
	 * sending thread), so the payload's bytes must not change until then.
	 * @param message the message
	 * @return the envelope
	 */
	static EnvelopeMessage toEnvelope(Message message) {
		MessageHeader header = message.getHeader();
		MessageMetadata metadata = message.getMetadata();
		EnvelopeMessage.Builder builder = EnvelopeMessage.newBuilder()
			.setMessageId(idBytes(header.getMessageId()))
			.setTypeValue(header.getType().value())
			.setSubject(metadata.getSubject())
			.setFormatValue(header.getFormat().value())
			.setDeadlineUnixMillis(metadata.getExpirationMillis())
			.setFlags(header.getFlags() & ~CONTENT_FLAGS)
			.setPriorityValue(header.getPriority().value() + 1)
			.setTimestampMicros(header.getTimestampMicros())
			.setSourceEndpoint(metadata.getSourceEndpoint())
			.setDestinationEndpoint(metadata.getDestinationEndpoint())
			.setContentType(metadata.getContentType())
			.setRetryCount(metadata.getRetryCount())
			.setMaxRetries(metadata.getMaxRetries())
			.setPayload(UnsafeByteOperations.unsafeWrap(message.getPayload().duplicate()));
		if (!header.getCorrelationId().isNone()) {
			builder.setCorrelationId(idBytes(header.getCorrelationId()));
		}
		if (metadata.hasHeaders()) {
			builder.putAllHeaders(metadata.getHeaders());
		}
		ErrorInfo error = message.getErrorInfo();
		if (error != null) {
			builder.setError(io.cdmf.ipc.transport.grpc.v1.ErrorInfo.newBuilder()
				.setCode(error.code().value())
				.setMessage(error.message())
				.setCategory(error.category())
				.setContext(error.context()));
		}
		return builder.build();
	}

	/**
	 * Reads an envelope as a message, headers included (with flag {@link MessageHeader#FLAG_HEADERS} set when there
	 * are any, as on a decoded frame). An empty message id gets a new one, an unspecified type means
	 * {@link MessageType#REQUEST}, an unspecified priority {@link MessagePriority#NORMAL}, and a zero deadline the
	 * call's gRPC deadline.
	 * @param envelope the envelope
	 * @param callDeadlineMillis the gRPC call's deadline in milliseconds since the epoch, 0 for none
	 * @return the message, with status RECEIVED
	 * @throws IpcException with {@code MALFORMED_FRAME} or {@code UNKNOWN_ENUM_VALUE} for fields out of range, or
	 * {@code INVALID_ARGUMENT} for a message that is not valid ({@link Message#validate()})
	 */
	static Message fromEnvelope(EnvelopeMessage envelope, long callDeadlineMillis) {
		MessageId id = envelope.getMessageId().isEmpty() ? MessageId.next() : id(envelope.getMessageId(), "message_id");
		Message message = new Message();
		MessageHeader header = message.getHeader();
		header.setMessageId(id)
			.setCorrelationId(envelope.getCorrelationId().isEmpty() ? MessageId.NONE
					: id(envelope.getCorrelationId(), "correlation_id"))
			.setType(type(envelope.getTypeValue()))
			.setFormat(format(envelope.getFormatValue()))
			.setPriority(priority(envelope.getPriorityValue()))
			.setTimestampMicros((envelope.getTimestampMicros() != 0) ? envelope.getTimestampMicros()
					: Message.currentTimeMicros());
		if ((envelope.getFlags() & ~0xFFFF) != 0) {
			throw malformed(ErrorCode.MALFORMED_FRAME, "flags must fit in 16 bits: " + envelope.getFlags());
		}
		header.setFlags(envelope.getFlags() & ~CONTENT_FLAGS);
		long deadline = envelope.getDeadlineUnixMillis();
		if (deadline < 0) {
			throw malformed(ErrorCode.MALFORMED_FRAME, "deadline_unix_millis must not be negative: " + deadline);
		}
		if (deadline == 0 || (callDeadlineMillis != 0 && callDeadlineMillis < deadline)) {
			deadline = callDeadlineMillis;
		}
		message.getMetadata()
			.setSubject(envelope.getSubject())
			.setSourceEndpoint(envelope.getSourceEndpoint())
			.setDestinationEndpoint(envelope.getDestinationEndpoint())
			.setContentType(envelope.getContentType())
			.setExpirationMillis(deadline)
			.setRetryCount(unsigned16(envelope.getRetryCount(), "retry_count"))
			.setMaxRetries(unsigned16(envelope.getMaxRetries(), "max_retries"));
		if (envelope.getHeadersCount() > 0) {
			headers(envelope.getHeadersMap(), message);
		}
		if (envelope.hasError()) {
			io.cdmf.ipc.transport.grpc.v1.ErrorInfo error = envelope.getError();
			ErrorCode code = ErrorCode.ofValue(error.getCode());
			ErrorCode known = (code != null) ? code : ErrorCode.UNKNOWN;
			message.setErrorInfo(new ErrorInfo(known, error.getMessage(),
					error.getCategory().isEmpty() ? known.category().name() : error.getCategory(), error.getContext()));
		}
		message.setPayload(envelope.getPayload().asReadOnlyByteBuffer());
		Optional<ErrorInfo> problem = message.validate();
		if (problem.isPresent()) {
			throw malformed(ErrorCode.INVALID_ARGUMENT, problem.get().message() + " (" + problem.get().context() + ")");
		}
		return message;
	}

	/**
	 * Returns whether the sender of a message waits for an answer to it on the same call.
	 * @param message the message
	 * @return whether it is a request that is not one-way, or a heartbeat that is not itself an answer
	 */
	static boolean expectsAnswer(Message message) {
		MessageType type = message.getType();
		return (type == MessageType.REQUEST && !message.getHeader().hasFlag(MessageHeader.FLAG_ONE_WAY))
				|| (type == MessageType.HEARTBEAT && message.getHeader().getCorrelationId().isNone());
	}

	/**
	 * Copies an envelope's headers into a message, as strictly as the frame decoder reads a frame's: a header the
	 * message would refuse (an empty name, a string over 65535 UTF-8 bytes, more than 65535 headers) refuses the
	 * envelope.
	 */
	private static void headers(Map<String, String> headers, Message message) {
		if (headers.size() > MessageMetadata.MAX_HEADERS) {
			throw malformed(ErrorCode.MALFORMED_FRAME,
					"headers must be at most " + MessageMetadata.MAX_HEADERS + ": " + headers.size());
		}
		MessageMetadata metadata = message.getMetadata();
		for (Map.Entry<String, String> header : headers.entrySet()) {
			try {
				metadata.setHeader(header.getKey(), header.getValue());
			}
			catch (IllegalArgumentException ex) {
				throw malformed(ErrorCode.MALFORMED_FRAME, "headers: " + ex.getMessage());
			}
		}
		message.getHeader().setFlag(MessageHeader.FLAG_HEADERS, true);
	}

	private static ByteString idBytes(MessageId id) {
		byte[] bytes = new byte[ID_LENGTH];
		putLong(bytes, 0, id.high());
		putLong(bytes, 8, id.low());
		return UnsafeByteOperations.unsafeWrap(bytes);
	}

	private static void putLong(byte[] bytes, int offset, long value) {
		for (int i = 7; i >= 0; i--) {
			bytes[offset + 7 - i] = (byte) (value >>> (i * 8));
		}
	}

	private static MessageId id(ByteString bytes, String field) {
		if (bytes.size() != ID_LENGTH) {
			throw malformed(ErrorCode.MALFORMED_FRAME, field + " must be " + ID_LENGTH + " bytes: " + bytes.size());
		}
		ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
		MessageId id = new MessageId(buffer.getLong(), buffer.getLong());
		if (id.isNone()) {
			throw malformed(ErrorCode.MALFORMED_FRAME, field + " must not be all zero");
		}
		return id;
	}

	private static MessageType type(int value) {
		MessageType type = (value == 0) ? MessageType.REQUEST : MessageType.ofValue(value);
		if (type == null) {
			throw malformed(ErrorCode.UNKNOWN_ENUM_VALUE, "unknown message type " + value);
		}
		return type;
	}

	private static SerializationFormat format(int value) {
		SerializationFormat format = SerializationFormat.ofValue(value);
		if (format == null) {
			throw malformed(ErrorCode.UNKNOWN_ENUM_VALUE, "unknown format " + value);
		}
		return format;
	}

	private static MessagePriority priority(int value) {
		MessagePriority priority = (value == 0) ? MessagePriority.NORMAL : MessagePriority.ofValue(value - 1);
		if (priority == null) {
			throw malformed(ErrorCode.UNKNOWN_ENUM_VALUE, "unknown priority " + value);
		}
		return priority;
	}

	private static int unsigned16(int value, String field) {
		if (value < 0 || value > 0xFFFF) {
			throw malformed(ErrorCode.MALFORMED_FRAME,
					field + " must be 0 to 65535: " + Integer.toUnsignedString(value));
		}
		return value;
	}

	private static IpcException malformed(ErrorCode code, String text) {
		return new IpcException(code, "malformed envelope: " + text);
	}

}
