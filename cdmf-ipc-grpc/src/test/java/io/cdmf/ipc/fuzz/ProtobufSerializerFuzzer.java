package io.cdmf.ipc.fuzz;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import io.cdmf.ipc.SerializationException;
import io.cdmf.ipc.serialization.protobuf.ProtobufSerializer;
import io.cdmf.ipc.test.calc.AddRequest;
import io.cdmf.ipc.transport.grpc.v1.EnvelopeMessage;

/**
 * Fuzzes {@link ProtobufSerializer#deserialize} with generated message types: a small request, the gRPC envelope
 * (strings, bytes, a map, a nested message) and {@link Struct} (recursive).
 * <p>
 * The first input byte picks the type and a heap or direct buffer. Invariants: only a {@link SerializationException}
 * escapes, the payload's position does not move, and a message that was read is written and read again to an equal
 * message (unknown fields included).
 *
 * @since 0.1.0
 */
class ProtobufSerializerFuzzer {

	private static final Type[] TYPES = { AddRequest.class, EnvelopeMessage.class, Struct.class };

	private final ProtobufSerializer serializer = new ProtobufSerializer();

	@FuzzTest(maxDuration = "2s")
	void readsMessagesOrRejectsThem(byte[] input) {
		if (input.length == 0) {
			return;
		}
		int options = input[0] & 0xFF;
		Type type = TYPES[(options >>> 1) % TYPES.length];
		ByteBuffer payload = ((options & 1) != 0) ? ByteBuffer.allocateDirect(input.length - 1).put(input, 1,
				input.length - 1).flip() : ByteBuffer.wrap(input, 1, input.length - 1);
		int position = payload.position();
		Message message;
		try {
			message = this.serializer.deserialize(payload, type);
		}
		catch (SerializationException ex) {
			return;
		}
		finally {
			FuzzChecks.check("deserialize", "position", position, payload.position());
		}
		Message again = this.serializer.deserialize(this.serializer.serialize(message), type);
		FuzzChecks.check("read, write, read", type.getTypeName(), message, again);
	}

}
