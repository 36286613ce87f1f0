package io.cdmf.ipc.transport.unix;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

import io.cdmf.ipc.transport.PeerCredentials;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads who is at the other end of a Unix stream socket ({@code SO_PEERCRED}).
 * <p>
 * The JDK gives the peer's user and group names. The numeric pid, uid and gid need {@code getsockopt} on the
 * socket's file descriptor, which the JDK does not expose: this class reaches it through {@code sun.nio.ch} when the
 * JVM runs with {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (which Chronicle Queue needs anyway), and
 * calls {@code getsockopt} through jnr-ffi. Without the flag the numbers are -1 and the names are still given.
 *
 * @since 0.1.0
 */
final class PeerCredentialsReader {

	private static final Logger logger = LoggerFactory.getLogger(PeerCredentialsReader.class);

	private static final int SOL_SOCKET = 1;

	private static final int SO_PEERCRED = 17;

	private static final @Nullable MethodHandle FD_VALUE = findFdAccessor();

	private static volatile @Nullable LibC libc;

	private static volatile boolean libcFailed;

	private PeerCredentialsReader() {
	}

	/**
	 * The one C function needed.
	 */
	public interface LibC {

		/**
		 * Reads a socket option.
		 * @param fd the socket
		 * @param level the level
		 * @param option the option
		 * @param value receives the value
		 * @param length the value's length, in and out
		 * @return 0 on success
		 */
		int getsockopt(int fd, int level, int option, @Out ByteBuffer value, @In @Out IntByReference length);

	}

	static PeerCredentials read(SocketChannel channel) {
		String user = "";
		String group = "";
		try {
			UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
			user = principal.user().getName();
			group = principal.group().getName();
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.debug("SO_PEERCRED names unavailable", ex);
		}
		int fd = fileDescriptor(channel);
		LibC c = (fd >= 0) ? libc() : null;
		if (c != null) {
			ByteBuffer ucred = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
			IntByReference length = new IntByReference(12);
			if (c.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, ucred, length) == 0) {
				return new PeerCredentials(Integer.toUnsignedLong(ucred.getInt(0)),
						Integer.toUnsignedLong(ucred.getInt(4)), Integer.toUnsignedLong(ucred.getInt(8)), user, group);
			}
		}
		return new PeerCredentials(-1, -1, -1, user, group);
	}

	private static int fileDescriptor(SocketChannel channel) {
		MethodHandle accessor = FD_VALUE;
		if (accessor == null) {
			return -1;
		}
		try {
			return (int) accessor.invoke(channel);
		}
		catch (Throwable ex) {
			logger.debug("Could not read the socket's file descriptor", ex);
			return -1;
		}
	}

	private static @Nullable MethodHandle findFdAccessor() {
		try {
			Class<?> selChImpl = Class.forName("sun.nio.ch.SelChImpl");
			if (!selChImpl.getModule().isExported("sun.nio.ch", PeerCredentialsReader.class.getModule())) {
				return null;
			}
			return MethodHandles.lookup()
				.findVirtual(selChImpl, "getFDVal", MethodType.methodType(int.class))
				.asType(MethodType.methodType(int.class, SocketChannel.class));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("sun.nio.ch is not exported: peer pid/uid/gid unavailable", ex);
			return null;
		}
	}

	private static @Nullable LibC libc() {
		LibC result = libc;
		if (result == null && !libcFailed) {
			try {
				result = LibraryLoader.create(LibC.class).load("c");
				libc = result;
			}
			catch (RuntimeException | LinkageError ex) {
				libcFailed = true;
				logger.warn("Could not load libc through jnr-ffi: peer pid/uid/gid unavailable ({})", ex.getMessage());
			}
		}
		return result;
	}

}
