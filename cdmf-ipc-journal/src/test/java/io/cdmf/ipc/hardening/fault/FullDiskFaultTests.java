package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.StubServerMain;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Full file systems under the journal and under shared memory, on small tmpfs mounts (root only; skipped otherwise).
 * Memory-mapped files are the trap: a write to a sparse page of a full tmpfs raises {@code SIGBUS}. Asserted: the
 * write that cannot be made durable fails to its caller with an error naming the directory and what to do, the
 * process lives and goes on serving, what was written before reads back intact, and nothing is lost silently.
 */
class FullDiskFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(FullDiskFaultTests.class);

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final int EVENT_SIZE = 1000;

	private final ShmTestDirectory healthy = new ShmTestDirectory();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		this.healthy.close();
	}

	@Test
	void whenTheJournalFileSystemFillsThenSendsFailClearlyAndEverythingWrittenReadsBack() {
		TmpfsMount mount = TmpfsMount.mount(8 * 1024);
		this.resources.add(mount);
		String full = "shm+journal://full?directory=" + mount.directory();
		String other = this.healthy.endpoint("other").replace("shm://", "shm+journal://");
		ForkedJvm producer = ForkedJvm.start(FillingProducerMain.class, full, Integer.toString(EVENT_SIZE), other);
		this.resources.add(producer);
		String alive = producer.awaitLine("ALIVE", STARTUP);
		long written = Long.parseLong(alive.split(" ")[1]);
		String failed = producer.awaitLine("FAILED", STARTUP);
		logger.info("journal on a full 8 MiB tmpfs: {} events of {} bytes written, then: {}; {} bytes left free",
				written, EVENT_SIZE, failed, mount.freeBytes());

		assertThat(producer.isAlive()).as("the producer process").isTrue();
		assertThat(failed).contains(ErrorCode.RESOURCE_EXHAUSTED.name())
			.contains(mount.directory().toString())
			.contains("option 'directory'")
			.contains("not written");
		assertThat(producer.awaitLine("PROXY", STARTUP)).startsWith("PROXY false " + ErrorCode.RESOURCE_EXHAUSTED)
			.contains(mount.directory().toString());
		assertThat(producer.output()).contains("STILL FAILING 10", "OTHER OK")
			.noneMatch(line -> line.contains("UNEXPECTED"));
		assertThat(written).as("events written before the file system was full").isGreaterThan(1000);

		long read = 0;
		try (Transport consumer = TransportFactory.create(full + "&consumer=check")) {
			consumer.start();
			for (Message event = consumer.receive(Duration.ofSeconds(10)); event != null;
					event = consumer.receive(Duration.ofMillis(500))) {
				ByteBuffer payload = event.getPayload();
				int at = payload.position();
				assertThat(payload.remaining()).as("length of event %d", read).isEqualTo(EVENT_SIZE);
				assertThat(payload.getLong(at)).as("sequence of event %d", read).isEqualTo(read);
				for (int i = 8; i < EVENT_SIZE; i++) {
					if (payload.get(at + i) != (byte) read) {
						throw new AssertionError("event " + read + " is corrupt at byte " + i);
					}
				}
				read++;
			}
		}
		assertThat(read).as("events read back: every send that returned, and no other").isEqualTo(written);

		// A new consumer on a file system with no space at all: a clear refusal, then it starts once there is room.
		Path filler = mount.directory().resolve("filler");
		fill(filler);
		IpcException refused;
		try (Transport late = TransportFactory.create(full + "&consumer=late")) {
			refused = catchThrowableOfType(IpcException.class, late::start);
		}
		assertThat(refused).as("a consumer starting on a full file system").isNotNull();
		assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
		assertThat(refused.getMessage()).contains(mount.directory().toString()).contains("No space left on device");
		delete(filler);
		long lateRead = 0;
		try (Transport late = TransportFactory.create(full + "&consumer=late")) {
			late.start();
			for (Message event = late.receive(Duration.ofSeconds(10)); event != null;
					event = late.receive(Duration.ofMillis(500))) {
				lateRead++;
			}
		}
		logger.info("a consumer on the full file system: {}; after freeing space it read {} events", refused,
				lateRead);
		assertThat(lateRead).as("events read by the consumer started once space was freed").isEqualTo(written);
	}

	/**
	 * Writes a file until its file system is full.
	 */
	private static void fill(Path file) {
		ByteBuffer block = ByteBuffer.allocate(64 * 1024);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			while (true) {
				block.clear();
				channel.write(block);
			}
		}
		catch (IOException ex) {
			// The expected end: "No space left on device".
			assertThat(ex).hasMessageContaining("No space left");
		}
		for (int size = 32 * 1024; size > 0; size /= 2) {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
				channel.write(ByteBuffer.allocate(size));
			}
			catch (IOException ex) {
				// Smaller blocks fill what the larger ones left.
			}
		}
	}

	private static void delete(Path file) {
		try {
			Files.delete(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void whenTheSharedMemoryFileSystemIsFullThenAttachAndStartFailClearlyAndTheServerServesItsClients() {
		// Room for the server's request ring and one client's response ring (1 MiB each), not for a second client.
		TmpfsMount mount = TmpfsMount.mount(2560);
		this.resources.add(mount);
		String name = "full-" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFL, 36);
		String endpoint = "shm://" + name + "?directory=" + mount.directory();
		ForkedJvm server = ForkedJvm.start(StubServerMain.class, endpoint, "100", "30000");
		this.resources.add(server);
		server.awaitLine("READY", STARTUP);
		ServiceProxy first = new ServiceProxy(ProxyConfig.custom(endpoint).serviceName("TestService").build());
		this.resources.add(first);
		byte[] request = new byte[32 * 1024];
		ThreadLocalRandom.current().nextBytes(request);
		assertEchoes(first, request, 64);
		long freeBefore = mount.freeBytes();

		IpcException attach;
		try (Transport second = TransportFactory.create(endpoint)) {
			attach = catchThrowableOfType(IpcException.class, second::connect);
		}
		IpcException start;
		try (Transport other = TransportFactory.create("shm://other-" + name + "?directory=" + mount.directory())) {
			start = catchThrowableOfType(IpcException.class, other::start);
		}
		CallResult proxied;
		try (ServiceProxy third = new ServiceProxy(ProxyConfig.custom(endpoint).serviceName("TestService")
			.defaultTimeout(Duration.ofSeconds(2))
			.build())) {
			proxied = third.call("echo", "x".getBytes(StandardCharsets.UTF_8));
		}
		logger.info("shm on a full 2.5 MiB tmpfs ({} bytes free): a second client: {}; another server: {}; "
				+ "a proxy's call: {}", freeBefore, attach, start, proxied);

		assertThat(attach).as("a second client's attach").isNotNull();
		assertThat(attach.getErrorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
		assertThat(attach.getMessage()).contains(mount.directory().toString()).contains("No space left on device")
			.contains("'directory'");
		assertThat(start).as("another server's start").isNotNull();
		assertThat(start.getErrorCode()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
		assertThat(start.getMessage()).contains(mount.directory().toString());
		assertThat(proxied.isSuccess()).isFalse();
		assertThat(proxied.errorMessage()).contains("No space left on device");
		assertThat(clientFiles(mount.directory().resolve(name))).as("client files left on the full mount").isEqualTo(1);
		// The attached client goes on being served through the whole of its ring, which would fault if sparse.
		assertEchoes(first, request, 200);
		assertThat(server.isAlive()).isTrue();
	}

	private static void assertEchoes(ServiceProxy proxy, byte[] request, int calls) {
		for (int i = 0; i < calls; i++) {
			CallResult result = proxy.call("echo", request, Duration.ofSeconds(10));
			assertThat(result.isSuccess()).as(result.toString()).isTrue();
			assertThat(result.data()).isEqualTo(request);
		}
	}

	private static long clientFiles(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().startsWith("client-")).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
