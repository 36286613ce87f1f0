package io.cdmf.ipc.message.frame;

/**
 * Layout of the binary frame that every byte-stream and datagram transport carries. All integers are
 * little-endian; {@code docs/wire-format.md} describes the same layout for implementers in other languages.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic 0x464D4443 "CDMF"                   |  0
 *  +---------------------------------------------------------------+
 *  |            Checksum: CRC32C of bytes [8, frame length)        |  4
 *  +---------------------------------------------------------------+
 *  |              Frame length (header + metadata + payload)       |  8
 *  +---------------+---------------+---------------+---------------+
 *  |    Version    |     Type      |   Priority    |    Format     | 12
 *  +---------------+---------------+-------------------------------+
 *  |             Flags             |          Retry count          | 16
 *  +-------------------------------+-------------------------------+
 *  |          Max retries          |        Reserved (zero)        | 20
 *  +-------------------------------+-------------------------------+
 *  |                        Metadata length                        | 24
 *  +---------------------------------------------------------------+
 *  |                         Payload length                        | 28
 *  +---------------------------------------------------------------+
 *  |            Timestamp, microseconds since the epoch            | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      Expiration (deadline), milliseconds since the epoch      | 40
 *  |                       0 = no deadline                         |
 *  +---------------------------------------------------------------+
 *  |          Message id: high 8 bytes, then low 8 bytes           | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Correlation id: high 8 bytes, then low 8 bytes         | 64
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Metadata (metadata length bytes)             ...  80
 *  +---------------------------------------------------------------+
 *  |                 Payload (payload length bytes)              ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Metadata is a sequence of strings, each a 16-bit length followed by that many UTF-8 bytes: source endpoint,
 * destination endpoint, subject, content type. When flag {@code 0x0001} (error info) is set, it continues with a
 * 32-bit error code and three more strings: message, category, context. When flag {@code 0x0008} (headers) is set,
 * it ends with the headers: a 16-bit count of at least 1, then that many pairs of strings, name (at least one byte)
 * and value. The metadata must be exactly {@code metadata length} bytes long.
 *
 * <pre>
 *  +----------------+-----------------+------------------+-----------------+---
 *  | u16 count >= 1 | string name (1) | string value (1) | string name (2) | ...
 *  +----------------+-----------------+------------------+-----------------+---
 * </pre>
 *
 * @since 0.1.0
 */
public final class FrameDescriptor {

	/** The magic number: the bytes {@code 'C' 'D' 'M' 'F'} read as a little-endian 32-bit integer. */
	public static final int MAGIC = 0x464D4443;

	/** Offset of the magic number. */
	public static final int MAGIC_OFFSET = 0;

	/** Offset of the CRC32C checksum, which covers bytes from {@link #CHECKSUM_START} to the frame's end. */
	public static final int CHECKSUM_OFFSET = 4;

	/** First byte covered by the checksum. */
	public static final int CHECKSUM_START = 8;

	/** Offset of the total frame length. */
	public static final int FRAME_LENGTH_OFFSET = 8;

	/** Offset of the version byte. */
	public static final int VERSION_OFFSET = 12;

	/** Offset of the message type byte. */
	public static final int TYPE_OFFSET = 13;

	/** Offset of the priority byte. */
	public static final int PRIORITY_OFFSET = 14;

	/** Offset of the serialization format byte. */
	public static final int FORMAT_OFFSET = 15;

	/** Offset of the 16-bit flags. */
	public static final int FLAGS_OFFSET = 16;

	/** Offset of the 16-bit retry count. */
	public static final int RETRY_COUNT_OFFSET = 18;

	/** Offset of the 16-bit max retries. */
	public static final int MAX_RETRIES_OFFSET = 20;

	/** Offset of 16 reserved bits: written as zero, ignored on read. */
	public static final int RESERVED_OFFSET = 22;

	/** Offset of the 32-bit metadata length. */
	public static final int METADATA_LENGTH_OFFSET = 24;

	/** Offset of the 32-bit payload length. */
	public static final int PAYLOAD_LENGTH_OFFSET = 28;

	/** Offset of the 64-bit timestamp in microseconds since the epoch. */
	public static final int TIMESTAMP_OFFSET = 32;

	/** Offset of the 64-bit expiration in milliseconds since the epoch. */
	public static final int EXPIRATION_OFFSET = 40;

	/** Offset of the 16-byte message id. */
	public static final int MESSAGE_ID_OFFSET = 48;

	/** Offset of the 16-byte correlation id. */
	public static final int CORRELATION_ID_OFFSET = 64;

	/** Length of the fixed header; metadata starts here. */
	public static final int HEADER_LENGTH = 80;

	/** Bytes a reader needs to check a frame's magic, version and length before reading the rest. */
	public static final int PREFIX_LENGTH = 16;

	/** The only frame version this implementation reads and writes. */
	public static final int VERSION = 1;

	/** Default and suggested maximum frame length: 16 MiB. */
	public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	/** Smallest maximum frame length that can be configured. */
	public static final int MIN_MAX_FRAME_LENGTH = 1024;

	/** Length of the four mandatory metadata strings when all are empty. */
	public static final int MIN_METADATA_LENGTH = 4 * 2;

	/** Length of the header count that opens the headers section of the metadata. */
	public static final int HEADER_COUNT_LENGTH = 2;

	/**
	 * Length of the shortest header entry: a one-byte name and an empty value, each with its 16-bit length. A reader
	 * checks {@code count} entries of this length against the bytes left before it reads any.
	 */
	public static final int MIN_HEADER_ENTRY_LENGTH = 2 + 1 + 2;

	private FrameDescriptor() {
	}

	/**
	 * Returns the length of a frame with the given metadata and payload lengths.
	 * @param metadataLength metadata bytes; a long, as a message's headers can add up to more than
	 * {@link Integer#MAX_VALUE} bytes before the maximum frame length turns the message down
	 * @param payloadLength payload bytes
	 * @return the frame length, possibly above {@link Integer#MAX_VALUE}
	 */
	public static long frameLength(long metadataLength, int payloadLength) {
		return (long) HEADER_LENGTH + metadataLength + payloadLength;
	}

	/**
	 * Returns the offset of the payload within a frame.
	 * @param metadataLength metadata bytes
	 * @return the payload offset
	 */
	public static int payloadOffset(int metadataLength) {
		return HEADER_LENGTH + metadataLength;
	}

	/**
	 * Checks a configured maximum frame length.
	 * @param maxFrameLength the maximum
	 * @return the maximum
	 * @throws IllegalArgumentException if it is below {@link #MIN_MAX_FRAME_LENGTH}
	 */
	public static int checkMaxFrameLength(int maxFrameLength) {
		if (maxFrameLength < MIN_MAX_FRAME_LENGTH) {
			throw new IllegalArgumentException(
					"maxFrameLength must be at least " + MIN_MAX_FRAME_LENGTH + ": " + maxFrameLength);
		}
		return maxFrameLength;
	}

}
