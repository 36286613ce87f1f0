package io.cdmf.ipc.transport.shm;

import org.agrona.BitUtil;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Layout of the files of a {@code shm://name} endpoint and the record types in its rings. All files live in
 * {@code <directory>/<name>/}:
 * <ul>
 * <li>{@code server.lock}: locked ({@code flock}) by the live server for its whole life;</li>
 * <li>{@code server.cnc}: the server's header followed by the request ring, a {@code ManyToOneRingBuffer} that every
 * client process writes into;</li>
 * <li>{@code client-<id>.cnc}: one per attached client, its header followed by its response ring, which the server
 * writes into.</li>
 * </ul>
 * Both kinds of file start with the same header, a mark file in the manner of Agrona's {@code MarkFile}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Version (0 until the owner is ready, -1 once it closed)     |  0
 *  +---------------------------------------------------------------+
 *  |                        Reserved                               |  4
 *  +---------------------------------------------------------------+
 *  |        Heartbeat: epoch milliseconds, written every tick      |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Process id of the owner                      | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   Session id: random per server start (client: its server's) | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Ring capacity (power of two)                 | 32
 *  +---------------------------------------------------------------+
 *  |            Client id (client files; 0 in server.cnc)          | 36
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to byte 128                     ...  40
 *  +---------------------------------------------------------------+
 *  |        Ring: capacity + RingBufferDescriptor.TRAILER_LENGTH ...  128
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Records in the request ring are typed by Agrona's message type id: {@link #ATTACH} and {@link #DETACH} carry a
 * client id, any id from {@link #FIRST_CLIENT_ID} up is a CDMF frame sent by the client with that id. Records in a
 * response ring are {@link #ATTACHED}, {@link #REFUSED} (a UTF-8 reason), {@link #SERVER_CLOSING} or {@link #FRAME}.
 * Frames are laid out by {@link io.cdmf.ipc.message.frame.FrameDescriptor}, with 0 in the checksum field (memory does
 * not damage bytes between processes, and a CRC32C on both sides costs a third of a 64 KiB round trip), and are
 * decoded without trusting a length.
 *
 * @since 0.1.0
 */
public final class ShmDescriptor {

	/** Version of this layout, written last when a file is ready. */
	public static final int VERSION = 1;

	/** Version written when the owner closed the file in an orderly way: peers treat it as gone at once. */
	public static final int CLOSED_VERSION = -1;

	/** Offset of the version field. */
	public static final int VERSION_OFFSET = 0;

	/** Offset of the heartbeat timestamp. */
	public static final int TIMESTAMP_OFFSET = 8;

	/** Offset of the owner's process id. */
	public static final int PID_OFFSET = 16;

	/** Offset of the session id. */
	public static final int SESSION_ID_OFFSET = 24;

	/** Offset of the ring capacity. */
	public static final int RING_CAPACITY_OFFSET = 32;

	/** Offset of the client id. */
	public static final int CLIENT_ID_OFFSET = 36;

	/** Length of the header; the ring starts here. */
	public static final int HEADER_LENGTH = 128;

	/** Request ring: a client announces its response file (body: int client id). */
	public static final int ATTACH = 1;

	/** Request ring: a client leaves (body: int client id). */
	public static final int DETACH = 2;

	/** Response ring: the server accepted the client (body: long session id). */
	public static final int ATTACHED = 3;

	/** Response ring: the server refused the client (body: UTF-8 reason). */
	public static final int REFUSED = 4;

	/** Response ring: the server is stopping. */
	public static final int SERVER_CLOSING = 5;

	/** Response ring: a CDMF frame. */
	public static final int FRAME = 16;

	/** Smallest client id; request-ring records typed with a client id are frames from that client. */
	public static final int FIRST_CLIENT_ID = 16;

	/** Name of the server's lock file. */
	public static final String LOCK_FILE = "server.lock";

	/** Name of the server's file. */
	public static final String SERVER_FILE = "server.cnc";

	/** Prefix of a client's file name. */
	public static final String CLIENT_FILE_PREFIX = "client-";

	/** Suffix of the server's and clients' file names. */
	public static final String FILE_SUFFIX = ".cnc";

	private ShmDescriptor() {
	}

	/**
	 * Returns the length of a file holding a ring of a capacity.
	 * @param ringCapacity the ring capacity
	 * @return the file length in bytes
	 */
	public static int fileLength(int ringCapacity) {
		return HEADER_LENGTH + ringCapacity + RingBufferDescriptor.TRAILER_LENGTH;
	}

	/**
	 * Returns the name of a client's file.
	 * @param clientId the client id
	 * @return the file name
	 */
	public static String clientFileName(int clientId) {
		return CLIENT_FILE_PREFIX + clientId + FILE_SUFFIX;
	}

	/**
	 * Returns the client id in a client file name.
	 * @param fileName the file name
	 * @return the id, or -1 if the name is not a client file's
	 */
	public static int clientId(String fileName) {
		if (!fileName.startsWith(CLIENT_FILE_PREFIX) || !fileName.endsWith(FILE_SUFFIX)) {
			return -1;
		}
		try {
			int id = Integer.parseInt(
					fileName.substring(CLIENT_FILE_PREFIX.length(), fileName.length() - FILE_SUFFIX.length()));
			return (id >= FIRST_CLIENT_ID) ? id : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Checks a ring capacity.
	 * @param name the option name, for the message
	 * @param capacity the capacity
	 * @return the capacity
	 * @throws IllegalArgumentException if it is not a power of two of at least 4 KiB and at most 1 GiB
	 */
	public static int checkCapacity(String name, long capacity) {
		if (capacity < 4096 || capacity > (1 << 30) || !BitUtil.isPowerOfTwo(capacity)) {
			throw new IllegalArgumentException(
					name + " must be a power of two from 4096 to 1073741824: " + capacity);
		}
		return (int) capacity;
	}

}
