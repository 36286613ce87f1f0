package io.cdmf.ipc.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.frame.FrameDecoder;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.message.frame.FrameException;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link FrameDecoder}, the reader of every byte-stream transport, with frames as a hostile peer could send.
 * <p>
 * The first input byte picks how the rest is read: whether its checksum is made valid first (so that mutations get
 * past the CRC to the checks behind it), whether the decoder verifies checksums (the shared-memory rings do not),
 * a heap or direct buffer, the payload mode (copy, slice, reused window) and an offset in the buffer. Invariants:
 * only a {@link FrameException} of the frame category escapes; a decoded message is no longer than its input,
 * {@link FrameDecoder#frameLength} agrees with it, and it decodes to the same fields after it is encoded again.
 *
 * @since 0.1.0
 */
class FrameDecoderFuzzer {

	private static final int MAX_FRAME = 64 * 1024;

	static Stream<Arguments> seeds() {
		return FuzzSeeds.frames();
	}

	private final FrameDecoder verifying = new FrameDecoder(MAX_FRAME, true);

	private final FrameDecoder trusting = new FrameDecoder(MAX_FRAME, false);

	private final FrameEncoder encoder = new FrameEncoder(MAX_FRAME);

	private final Message window = new Message();

	private final ByteBuffer heap = ByteBuffer.allocate(MAX_FRAME + 16);

	private final ByteBuffer direct = ByteBuffer.allocateDirect(MAX_FRAME + 16);

	private final CRC32C crc = new CRC32C();

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "4s")
	void decodesOrRejectsEveryFrame(byte[] input) {
		if (input.length == 0) {
			return;
		}
		int options = input[0] & 0xFF;
		int length = Math.min(input.length - 1, MAX_FRAME);
		int offset = (options >>> 5) & 7;
		ByteBuffer buffer = ((options & 4) != 0) ? this.direct : this.heap;
		buffer.clear();
		buffer.put(offset, input, 1, length).limit(offset + length);
		if ((options & 1) != 0) {
			rechecksum(buffer, offset, length);
		}
		FrameDecoder decoder = ((options & 2) != 0) ? this.verifying : this.trusting;
		Message message;
		try {
			message = switch ((options >>> 3) & 3) {
				case 0 -> decoder.decode(buffer, offset, length, true);
				case 1 -> decoder.decode(buffer, offset, length, false);
				default -> decoder.decodeInto(this.window, buffer, offset, length);
			};
		}
		catch (FrameException ex) {
			if (ex.getErrorCode().category() != ErrorCode.Category.FRAME) {
				throw new AssertionError("a frame was rejected with a code outside the frame category: " + ex, ex);
			}
			return;
		}
		if (message.getPayloadSize() > length - FrameDescriptor.HEADER_LENGTH) {
			throw new AssertionError("a payload of " + message.getPayloadSize() + " bytes from a frame of " + length);
		}
		FuzzChecks.check("decode", "frame length", length, decoder.frameLength(buffer, offset, length));
		FuzzChecks.check("decode", "headers flag", message.getMetadata().hasHeaders(),
				message.getHeader().hasFlag(MessageHeader.FLAG_HEADERS));
		ByteBuffer again = this.encoder.encode(message);
		Message decodedAgain = this.verifying.decode(again, again.position(), again.remaining(), true);
		FuzzChecks.assertSameMessage("decode, encode, decode", message, decodedAgain, 0);
	}

	/**
	 * Makes the checksum of the frame valid, over the bytes it declares or as many as there are.
	 */
	private void rechecksum(ByteBuffer buffer, int offset, int length) {
		if (length < FrameDescriptor.PREFIX_LENGTH) {
			return;
		}
		ByteBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		long declared = Integer.toUnsignedLong(view.getInt(offset + FrameDescriptor.FRAME_LENGTH_OFFSET));
		int end = (int) Math.min(declared, length);
		if (end <= FrameDescriptor.CHECKSUM_START) {
			return;
		}
		this.crc.reset();
		this.crc.update(view.limit(offset + end).position(offset + FrameDescriptor.CHECKSUM_START));
		view.clear();
		view.putInt(offset + FrameDescriptor.CHECKSUM_OFFSET, (int) this.crc.getValue());
	}

}
