package io.cdmf.ipc.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageMetadata;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * The invariants the fuzz targets share: what decoded once decodes the same after it is encoded again.
 * <p>
 * A failed check throws {@link AssertionError}, which Jazzer reports as a finding like any other unexpected
 * throwable.
 *
 * @since 0.1.0
 */
public final class FuzzChecks {

	private FuzzChecks() {
	}

	/**
	 * Fails unless two messages carry the same header fields (the checksum and the flags that the codecs set from
	 * the content aside), metadata, error and payload.
	 * @param what which round trip is checked, for the failure message
	 * @param first the message decoded from the fuzzed input
	 * @param second the message decoded again after it was encoded
	 * @param contentFlags header flags that the codec derives from the content and may therefore differ
	 */
	public static void assertSameMessage(String what, Message first, Message second, int contentFlags) {
		MessageHeader a = first.getHeader();
		MessageHeader b = second.getHeader();
		check(what, "message id", a.getMessageId(), b.getMessageId());
		check(what, "correlation id", a.getCorrelationId(), b.getCorrelationId());
		check(what, "timestamp", a.getTimestampMicros(), b.getTimestampMicros());
		check(what, "type", a.getType(), b.getType());
		check(what, "priority", a.getPriority(), b.getPriority());
		check(what, "format", a.getFormat(), b.getFormat());
		check(what, "flags", a.getFlags() & ~contentFlags, b.getFlags() & ~contentFlags);
		MessageMetadata m = first.getMetadata();
		MessageMetadata n = second.getMetadata();
		check(what, "source", m.getSourceEndpoint(), n.getSourceEndpoint());
		check(what, "destination", m.getDestinationEndpoint(), n.getDestinationEndpoint());
		check(what, "subject", m.getSubject(), n.getSubject());
		check(what, "content type", m.getContentType(), n.getContentType());
		check(what, "expiration", m.getExpirationMillis(), n.getExpirationMillis());
		check(what, "retry count", m.getRetryCount(), n.getRetryCount());
		check(what, "max retries", m.getMaxRetries(), n.getMaxRetries());
		check(what, "headers", new ArrayList<>(m.getHeaders().entrySet()), new ArrayList<>(n.getHeaders().entrySet()));
		check(what, "error", first.getErrorInfo(), second.getErrorInfo());
		if (!Arrays.equals(first.getPayloadBytes(), second.getPayloadBytes())) {
			throw new AssertionError(what + ": the payload changed (" + first.getPayloadSize() + " bytes, then "
					+ second.getPayloadSize() + ")");
		}
	}

	/**
	 * Makes the CRC32C checksum of a frame valid, over the bytes its length field declares or as many as there are,
	 * so that a mutated frame gets past the checksum to the checks behind it.
	 * @param frame the frame, changed in place
	 * @return the frame
	 */
	public static byte[] rechecksum(byte[] frame) {
		if (frame.length < FrameDescriptor.PREFIX_LENGTH) {
			return frame;
		}
		ByteBuffer view = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
		long declared = Integer.toUnsignedLong(view.getInt(FrameDescriptor.FRAME_LENGTH_OFFSET));
		int end = (int) Math.min(declared, frame.length);
		if (end > FrameDescriptor.CHECKSUM_START) {
			CRC32C crc = new CRC32C();
			crc.update(frame, FrameDescriptor.CHECKSUM_START, end - FrameDescriptor.CHECKSUM_START);
			view.putInt(FrameDescriptor.CHECKSUM_OFFSET, (int) crc.getValue());
		}
		return frame;
	}

	/**
	 * Fails unless two values are equal.
	 * @param what which round trip is checked
	 * @param field which value
	 * @param expected the first value
	 * @param actual the value after the round trip
	 */
	public static void check(String what, String field, @Nullable Object expected, @Nullable Object actual) {
		if (!Objects.equals(expected, actual)) {
			throw new AssertionError(what + ": " + field + " changed from " + expected + " to " + actual);
		}
	}

}
