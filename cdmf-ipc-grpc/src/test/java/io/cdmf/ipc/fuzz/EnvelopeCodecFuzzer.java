package io.cdmf.ipc.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.transport.grpc.EnvelopeCodecAccess;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the gRPC envelope codec ({@code EnvelopeCodec}) with the bytes of an envelope as a gRPC peer could send
 * them: parsed by protobuf as the server's marshaller parses them, then read into a {@link Message}.
 * <p>
 * The first input byte picks a call deadline (none, past, far). Invariants: protobuf rejects with an
 * {@link InvalidProtocolBufferException} only, the codec with an {@link IpcException} carrying a code (never
 * {@link ErrorCode#OK}) only; a message that was read is valid, and written as an envelope and read again it has the
 * same fields.
 *
 * @since 0.1.0
 */
class EnvelopeCodecFuzzer {

	private static final long[] DEADLINES = { 0, 1, Long.MAX_VALUE };

	// The envelope carries errors and headers as fields; the flags that say so in a frame are set from them.
	private static final int CONTENT_FLAGS = MessageHeader.FLAG_ERROR_INFO | MessageHeader.FLAG_HEADERS;

	/**
	 * Envelopes of {@link FuzzSeeds#messages()}, after a byte that picks the call deadline.
	 * @return the seeds
	 */
	static Stream<Arguments> seeds() {
		return FuzzSeeds.messages()
			.stream()
			.map((message) -> Arguments.of((Object) FuzzSeeds.prefixed(0,
					ByteBuffer.wrap(EnvelopeCodecAccess.toEnvelope(message).toByteArray()))));
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "3s")
	void readsEnvelopesOrRejectsThem(byte[] input) {
		if (input.length == 0) {
			return;
		}
		long deadline = DEADLINES[(input[0] & 0xFF) % DEADLINES.length];
		EnvelopeMessage envelope;
		try {
			envelope = EnvelopeMessage.parseFrom(Arrays.copyOfRange(input, 1, input.length));
		}
		catch (InvalidProtocolBufferException ex) {
			return;
		}
		Message message;
		try {
			message = EnvelopeCodecAccess.fromEnvelope(envelope, deadline);
		}
		catch (IpcException ex) {
			if (ex.getErrorCode() == ErrorCode.OK) {
				throw new AssertionError("an envelope was refused with code OK: " + ex, ex);
			}
			return;
		}
		if (message.validate().isPresent()) {
			throw new AssertionError("an envelope was read into an invalid message: " + message.validate().get());
		}
		Message again = EnvelopeCodecAccess.fromEnvelope(EnvelopeCodecAccess.toEnvelope(message), 0);
		FuzzChecks.assertSameMessage("read, write, read", message, again, CONTENT_FLAGS);
	}

}
