package io.cdmf.ipc.transport.unix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.cdmf.ipc.transport.EndpointUri;
import io.cdmf.ipc.transport.TransportDependency;
import jnr.constants.platform.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import org.jspecify.annotations.Nullable;

/**
 * The few libc socket calls that {@code jnr.unixsocket.UnixDatagramChannel} (0.38.23) lacks or gets wrong for us,
 * bound with jnr-ffi on the channel's file descriptor.
 * <p>
 * Hand-written rather than taken from the channel because the channel's {@code connect} only records the address
 * (no {@code connect(2)}, so neither fail-fast nor kernel peer filtering); its {@code write} copies into a new heap
 * buffer per call and turns {@code EAGAIN} into 0; its {@code receive} drops the address length, so an unbound or
 * abstract sender's address comes back as uninitialized bytes; and its errors carry only {@code strerror} text.
 * Here every call returns the raw result and {@link #errno()} the reason.
 * <p>
 * Linux only: the {@code sockaddr_un} layout and the flag values below are Linux's.
 *
 * @since 0.1.0
 */
final class UnixDatagramNative {

	/** {@code MSG_TRUNC}: make {@code recvfrom} return a datagram's real length even when it was cut short. */
	static final int MSG_TRUNC = 0x20;

	/** {@code MSG_DONTWAIT}: fail with {@code EAGAIN} instead of blocking. */
	static final int MSG_DONTWAIT = 0x40;

	/** Size of {@code struct sockaddr_un}: a 2-byte family and 108 bytes of path. */
	static final int SOCKADDR_UN_LENGTH = 2 + EndpointUri.MAX_UNIX_PATH_BYTES;

	private static final int AF_UNIX = 1;

	private static final int SHUT_RDWR = 2;

	private static final @Nullable LibC LIBC;

	private static final @Nullable String UNAVAILABLE_REASON;

	static {
		LibC libc = null;
		String reason = null;
		if (Platform.getNativePlatform().getOS() != Platform.OS.LINUX) {
			reason = "unix+dgram:// calls Linux's libc through jnr-ffi and is implemented for Linux only; this OS is "
					+ Platform.getNativePlatform().getOS() + ". Use unix:// (Unix stream sockets of the JDK) instead";
		}
		else {
			try {
				libc = LibraryLoader.create(LibC.class).load("c");
			}
			catch (LinkageError | RuntimeException ex) {
				reason = "jnr-ffi could not bind this Linux's libc (" + ex + "); check that "
						+ TransportDependency.of("com.github.jnr", "jnr-ffi", "jnr-ffi.version").coordinates()
						+ " and its jffi native jar (com.github.jnr:jffi, classifier native) are on the class path";
			}
		}
		LIBC = libc;
		UNAVAILABLE_REASON = reason;
	}

	private UnixDatagramNative() {
	}

	/**
	 * The libc functions bound by jnr-ffi. Public because jnr-ffi implements it in its own class loader, which
	 * cannot see package-private types; the enclosing class keeps it out of the API.
	 */
	public interface LibC {

		/**
		 * {@code connect(2)}.
		 * @param fd the socket
		 * @param address a {@code sockaddr_un}
		 * @param length the address length
		 * @return 0 or -1
		 */
		int connect(int fd, @In byte[] address, int length);

		/**
		 * {@code send(2)} on a connected socket.
		 * @param fd the socket
		 * @param buffer the datagram, from its position
		 * @param length bytes to send
		 * @param flags {@code MSG_*} flags
		 * @return bytes sent or -1
		 */
		int send(int fd, @In ByteBuffer buffer, long length, int flags);

		/**
		 * {@code sendto(2)}.
		 * @param fd the socket
		 * @param buffer the datagram, from its position
		 * @param length bytes to send
		 * @param flags {@code MSG_*} flags
		 * @param address a {@code sockaddr_un}
		 * @param addressLength the address length
		 * @return bytes sent or -1
		 */
		int sendto(int fd, @In ByteBuffer buffer, long length, int flags, @In byte[] address, int addressLength);

		/**
		 * {@code recvfrom(2)}.
		 * @param fd the socket
		 * @param buffer where the datagram goes, from its position
		 * @param length room in the buffer
		 * @param flags {@code MSG_*} flags
		 * @param address receives the sender's {@code sockaddr_un}
		 * @param addressLength one element; in: room for the address; out: its length
		 * @return the datagram length (with {@code MSG_TRUNC}, even if longer than the room) or -1
		 */
		int recvfrom(int fd, @Out ByteBuffer buffer, long length, int flags, @Out byte[] address,
				@In @Out int[] addressLength);

		/**
		 * {@code shutdown(2)}.
		 * @param fd the socket
		 * @param how {@code SHUT_*}
		 * @return 0 or -1
		 */
		int shutdown(int fd, int how);

	}

	/**
	 * Returns whether libc could be bound on this platform.
	 * @return whether the calls are usable
	 */
	static boolean isAvailable() {
		return LIBC != null;
	}

	/**
	 * Returns why the calls are not usable.
	 * @return the reason, or empty if they are
	 */
	static String unavailableReason() {
		return (UNAVAILABLE_REASON != null) ? UNAVAILABLE_REASON : "";
	}

	/**
	 * Returns the bound library.
	 * @return libc
	 * @throws IllegalStateException if it is not available
	 */
	static LibC libc() {
		LibC libc = LIBC;
		if (libc == null) {
			throw new IllegalStateException(unavailableReason());
		}
		return libc;
	}

	/**
	 * Returns the {@code errno} of this thread's last native call through jnr-ffi.
	 * @return the error number
	 */
	static int errno() {
		return jnr.ffi.Runtime.getRuntime(libc()).getLastError();
	}

	/**
	 * Returns the symbolic name and text of an error number, for messages.
	 * @param errno the error number
	 * @return for example {@code "ECONNREFUSED (Connection refused)"}
	 */
	static String describe(int errno) {
		Errno known = Errno.valueOf(errno);
		return (known != null && known.defined()) ? known.name() + " (" + known.description() + ")" : "errno " + errno;
	}

	/**
	 * Returns whether an error number is the given constant.
	 * @param errno the error number
	 * @param expected the constant
	 * @return whether they are the same error
	 */
	static boolean is(int errno, Errno expected) {
		return expected.defined() && expected.intValue() == errno;
	}

	/**
	 * Builds a {@code sockaddr_un} for a file-system path.
	 * @param path the socket path
	 * @return the address bytes, exactly as long as the address
	 * @throws IllegalArgumentException if the path does not fit in {@code sun_path}
	 */
	static byte[] sockaddr(Path path) {
		byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
		if (bytes.length >= EndpointUri.MAX_UNIX_PATH_BYTES) {
			throw new IllegalArgumentException("socket path must be shorter than " + EndpointUri.MAX_UNIX_PATH_BYTES
					+ " bytes: " + bytes.length + " (" + path + ")");
		}
		byte[] address = new byte[2 + bytes.length + 1];
		ByteBuffer.wrap(address).order(ByteOrder.nativeOrder()).putShort(0, (short) AF_UNIX);
		System.arraycopy(bytes, 0, address, 2, bytes.length);
		return address;
	}

	/**
	 * Returns a readable form of a received {@code sockaddr_un}: its path, {@code @name} for an abstract address,
	 * or empty for an unbound sender.
	 * @param address the address bytes
	 * @param length the address length the kernel returned
	 * @return the description
	 */
	static String pathOf(byte[] address, int length) {
		if (length <= 2) {
			return "";
		}
		if (address[2] == 0) {
			return "@" + new String(address, 3, length - 3, StandardCharsets.UTF_8);
		}
		int end = 2;
		while (end < length && address[end] != 0) {
			end++;
		}
		return new String(address, 2, end - 2, StandardCharsets.UTF_8);
	}

	/**
	 * Wakes every thread blocked on a socket: further receives return 0 and sends fail.
	 * @param fd the socket
	 * @return 0 or -1
	 */
	static int shutdown(int fd) {
		return libc().shutdown(fd, SHUT_RDWR);
	}

}
