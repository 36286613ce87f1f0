package io.cdmf.ipc.message.frame;

import java.nio.ByteBuffer;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.MessageId;
import io.cdmf.ipc.message.MessageMetadata;

import static io.cdmf.ipc.message.frame.FrameDescriptor.MIN_HEADER_ENTRY_LENGTH;

/**
 * Reads the metadata section of one frame for a {@link FrameDecoder}, never past its end: every length is checked
 * against the bytes left before anything is read or made. One per decoder, reset for each frame.
 * <p>
 * Not thread-safe, like its decoder.
 *
 * @since 0.1.0
 */
final class FrameMetadataReader {

	private final FrameStrings strings;

	private ByteBuffer buffer = ByteBuffer.allocate(0);

	private int end;

	private long idHigh;

	private long idLow;

	private int index;

	FrameMetadataReader(FrameStrings strings) {
		this.strings = strings;
	}

	/**
	 * Points the reader at the metadata of a frame.
	 * @param buffer the frame's bytes, little-endian
	 * @param start where the metadata starts
	 * @param end where it ends
	 * @param idHigh high half of the message id the frame claims, for errors
	 * @param idLow low half of the claimed message id
	 * @return this reader
	 */
	FrameMetadataReader reset(ByteBuffer buffer, int start, int end, long idHigh, long idLow) {
		this.buffer = buffer;
		this.index = start;
		this.end = end;
		this.idHigh = idHigh;
		this.idLow = idLow;
		return this;
	}

	/**
	 * Returns how many metadata bytes are left to read.
	 * @return the bytes left
	 */
	int remaining() {
		return this.end - this.index;
	}

	/**
	 * Reads a 32-bit error code.
	 * @return the value
	 */
	int int32() {
		require(4, "error code");
		int value = this.buffer.getInt(this.index);
		this.index += 4;
		return value;
	}

	/**
	 * Reads a string: a 16-bit length and that many UTF-8 bytes.
	 * @param cache whether the string is likely to repeat from frame to frame (see {@link FrameStrings#cached})
	 * @return the string
	 */
	String string(boolean cache) {
		require(2, "string length");
		int length = this.buffer.getShort(this.index) & 0xFFFF;
		this.index += 2;
		if (length == 0) {
			return "";
		}
		require(length, "string");
		String value = cache ? this.strings.cached(this.buffer, this.index, length)
				: this.strings.decode(this.buffer, this.index, length);
		this.index += length;
		return value;
	}

	/**
	 * Reads the headers section (metadata field 9) into a message's metadata, replacing the headers it had. The
	 * count is checked against the bytes left before any header is read, so that a count alone makes nothing.
	 * @param metadata the metadata to fill
	 * @throws FrameException with {@code MALFORMED_FRAME} for a count of 0 or past the end, a string past the end,
	 * an empty or repeated name, or a header that decodes to more than 65535 UTF-8 bytes
	 */
	void headers(MessageMetadata metadata) {
		require(FrameDescriptor.HEADER_COUNT_LENGTH, "header count");
		int count = this.buffer.getShort(this.index) & 0xFFFF;
		this.index += FrameDescriptor.HEADER_COUNT_LENGTH;
		if (count == 0) {
			throw malformed("flag HEADERS is set but the header count is 0");
		}
		long needed = (long) count * MIN_HEADER_ENTRY_LENGTH;
		if (needed > remaining()) {
			throw malformed("header count " + count + " needs at least " + needed + " bytes, " + remaining() + " left");
		}
		metadata.clearHeaders();
		for (int i = 0; i < count; i++) {
			// Names repeat from frame to frame (authorization, traceparent), values mostly do not: only names are
			// cached, so that values do not push method names and endpoints out of the cache.
			String name = string(true);
			String value = string(false);
			// Errors name the header by its position, not its text: a name may be 64 KiB, and the error goes back to
			// the peer inside an ERROR frame, whose strings have the same limit.
			if (name.isEmpty()) {
				throw malformed("header " + i + " has an empty name");
			}
			if (metadata.getHeader(name) != null) {
				throw malformed("header " + i + " repeats the name of an earlier header");
			}
			try {
				metadata.setHeader(name, value);
			}
			catch (IllegalArgumentException ex) {
				// Only invalid UTF-8 gets here: its replacement characters can make a string longer than its bytes.
				throw malformed("header " + i + " is longer than " + MessageMetadata.MAX_STRING_BYTES
						+ " UTF-8 bytes once decoded");
			}
		}
	}

	/**
	 * Makes the exception for metadata that is not valid, naming the message id the frame claims.
	 * @param message what is wrong
	 * @return the exception, for the caller to throw
	 */
	FrameException malformed(String message) {
		return FrameException.skippable(ErrorCode.MALFORMED_FRAME, message, MessageId.of(this.idHigh, this.idLow));
	}

	private void require(int bytes, String what) {
		if (this.end - this.index < bytes) {
			throw malformed("metadata ends inside a " + what + " (" + bytes + " bytes needed, "
					+ (this.end - this.index) + " left)");
		}
	}

}
