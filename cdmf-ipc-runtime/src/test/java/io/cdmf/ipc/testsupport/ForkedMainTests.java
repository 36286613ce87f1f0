package io.cdmf.ipc.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forked JVM whose parent dies without closing it ends by itself: three JVMs, the middle one killed.
 * <p>
 * The grandchild stays alive by reading a socket this test holds, not its parent's pipe, so that only the parent
 * watch can end it while the test runs; closing the socket at the end releases it whatever happened.
 */
class ForkedMainTests {

	@Test
	@Timeout(90)
	void shouldEndAForkedJvmWhenItsParentDies(@TempDir Path directory) throws Exception {
		Path socket = directory.resolve("hold.sock");
		try (ServerSocketChannel hold = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			hold.bind(UnixDomainSocketAddress.of(socket));
			try (ForkedJvm parent = ForkedJvm.start(Parent.class, socket.toString());
					SocketChannel held = hold.accept()) {
				String line = parent.awaitLine("CHILD ", Duration.ofSeconds(60));
				Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(line.substring(6).trim()));
				assertThat(child).as("the grandchild runs").isPresent();

				parent.kill();

				child.get().onExit().get(30, TimeUnit.SECONDS);
				assertThat(child.get().isAlive()).isFalse();
			}
		}
		finally {
			Files.deleteIfExists(socket);
		}
	}

	/**
	 * Starts a child holding the test's socket, prints its pid, and waits until its stdin closes or it is killed.
	 */
	public static final class Parent {

		public static void main(String[] args) throws Exception {
			ForkedJvm child = ForkedJvm.start(Holder.class, args[0]);
			child.awaitLine("HOLDING", Duration.ofSeconds(60));
			System.out.println("CHILD " + child.pid());
			System.out.flush();
			awaitEndOf(System.in);
		}

		private static void awaitEndOf(InputStream in) throws IOException {
			while (in.read() >= 0) {
				// Nothing is sent; the read ends when the test JVM closes the pipe.
			}
		}

	}

	/**
	 * Connects to the test's socket and reads until the test closes it.
	 */
	public static final class Holder {

		public static void main(String[] args) throws Exception {
			try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
				System.out.println("HOLDING");
				System.out.flush();
				while (channel.read(ByteBuffer.allocate(1)) >= 0) {
					// Nothing is sent; the read ends when the test closes its end.
				}
			}
		}

	}

}
