package io.cdmf.ipc.transport.stream;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

import io.cdmf.ipc.testsupport.Await;
import io.cdmf.ipc.testsupport.TestEndpoints;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read buffers a stream server hands from closed connections to new ones, so that a flood of short connections
 * does not hold direct memory until the next GC.
 */
class ReadBuffersTests {

	@Test
	void shouldHandAGivenBufferToTheNextTaker() {
		ReadBuffers buffers = new ReadBuffers();
		ByteBuffer first = buffers.take();
		assertThat(first.isDirect()).isTrue();
		assertThat(first.capacity()).isEqualTo(ReadBuffers.INITIAL_SIZE);
		first.putInt(42).order(ByteOrder.BIG_ENDIAN);
		buffers.give(first);
		ByteBuffer again = buffers.take();
		assertThat(again).isSameAs(first);
		assertThat(again.position()).isZero();
		assertThat(again.limit()).isEqualTo(ReadBuffers.INITIAL_SIZE);
		assertThat(again.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
	}

	@Test
	void shouldKeepNeitherGrownBuffersNorMoreThanItsLimit() {
		ReadBuffers buffers = new ReadBuffers();
		buffers.give(ByteBuffer.allocateDirect(2 * ReadBuffers.INITIAL_SIZE));
		buffers.give(ByteBuffer.allocate(ReadBuffers.INITIAL_SIZE));
		assertThat(buffers.kept()).isZero();
		for (int i = 0; i < ReadBuffers.MAX_KEPT + 10; i++) {
			buffers.give(ByteBuffer.allocateDirect(ReadBuffers.INITIAL_SIZE));
		}
		assertThat(buffers.kept()).isEqualTo(ReadBuffers.MAX_KEPT);
	}

	@Test
	void whenManyShortConnectionsSendBadFramesThenDirectMemoryStaysFlat() throws Exception {
		int connections = 3000;
		try (TestEndpoints endpoints = new TestEndpoints();
				Transport server = TransportFactory.create(endpoints.endpoint("unix", "buffers"))) {
			server.start();
			Path socket = Path.of(server.getBoundEndpoint().substring("unix://".length()));
			long before = directMemoryUsed();
			for (int i = 0; i < connections; i++) {
				try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
					channel.connect(UnixDomainSocketAddress.of(socket));
					channel.write(ByteBuffer.wrap(new byte[] { 'b', 'a', 'd', '!', 0, 0, 0, 0 }));
					// The server answers the bad magic with an error frame and closes.
					while (channel.read(ByteBuffer.allocate(1024)) >= 0) {
					}
				}
			}
			Await.until("server closed every connection", Duration.ofSeconds(10),
					() -> server.getStats().connectionsClosed() == connections);
			long grown = directMemoryUsed() - before;
			assertThat(server.getStats().framesRejected()).isEqualTo(connections);
			// Unshared, the connections' read buffers alone would hold 3000 x 32 KiB = 94 MiB until a GC.
			assertThat(grown).as("direct memory grown, bytes").isLessThan(16L * 1024 * 1024);
			assertThat(((StreamTransport) server).readBuffers().kept()).isPositive();
		}
	}

	private static long directMemoryUsed() {
		return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter(pool -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
	}

}
