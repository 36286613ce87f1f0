package io.cdmf.ipc.rpc;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.ShmClientMain;
import io.cdmf.ipc.testsupport.StubServerMain;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.shm.ShmDescriptor;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-process calls over {@code shm://}, plus the liveness cases of shared memory: a killed server is noticed
 * within about a second, a killed client's file is reclaimed.
 */
class ShmCrossProcessTests extends AbstractCrossProcessRpcTests {

	private final ShmTestDirectory directory = new ShmTestDirectory();

	@AfterAll
	void removeDirectory() {
		this.directory.close();
	}

	@Override
	String scheme() {
		return "shm";
	}

	@Override
	protected String endpoint(String name) {
		return this.directory.endpoint(name);
	}

	@Override
	protected Path serverFile(String endpoint) {
		return this.directory.filesOf(endpoint).resolve(ShmDescriptor.SERVER_FILE);
	}

	/**
	 * Writes garbage records into the server's request ring, as a buggy client process would: typed with a
	 * client's id (so the server decodes them and fails), with an unknown id, or with an unknown control type.
	 */
	@Override
	boolean sendGarbage(String endpoint, byte[] garbage) throws IOException {
		Path serverFile = serverFile(endpoint);
		MappedByteBuffer mapped = IoUtil.mapExistingFile(serverFile.toFile(), "garbage");
		int capacity = new UnsafeBuffer(mapped).getInt(ShmDescriptor.RING_CAPACITY_OFFSET);
		ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(mapped, ShmDescriptor.HEADER_LENGTH,
				capacity + RingBufferDescriptor.TRAILER_LENGTH));
		List<Integer> clients = clientIds(serverFile.getParent());
		int type = switch (ThreadLocalRandom.current().nextInt(3)) {
			case 0 -> clients.isEmpty() ? 99 : clients.get(0);
			case 1 -> ShmDescriptor.FIRST_CLIENT_ID + 7;
			default -> 9;
		};
		return ring.write(type, new UnsafeBuffer(garbage), 0, garbage.length);
	}

	@Test
	void whenServerIsKilledThenWaitingCallFailsWithinAboutASecond() {
		String endpoint = endpoint("killed-fast");
		ForkedJvm server = ForkedJvm.start(StubServerMain.class, endpoint, "100", "60000");
		server.awaitLine("READY", Duration.ofSeconds(30));
		try (ServiceProxy client = new ServiceProxy(ProxyConfig.of(endpoint))) {
			assertThat(client.call("echo", bytes("warm")).isSuccess()).isTrue();
			CompletableFuture<CallResult> call = client.callAsync("sleep", bytes("20000"), Duration.ofSeconds(30));
			server.kill();
			long start = System.nanoTime();
			CallResult result = call.join();
			assertThat(result.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(result.errorMessage()).contains("died");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500);
		}
		finally {
			server.close();
		}
	}

	@Test
	void whenAClientProcessIsKilledThenServerReclaimsItsFile() throws Exception {
		String endpoint = endpoint("client-killed");
		CompletableFuture<TransportError> closed = new CompletableFuture<>();
		try (Transport server = TransportFactory.create(endpoint)) {
			server.setErrorCallback(error -> {
				if (error.connectionClosed()) {
					closed.complete(error);
				}
			});
			server.start();
			Path files = serverFile(endpoint).getParent();
			try (ForkedJvm client = ForkedJvm.start(ShmClientMain.class, endpoint)) {
				client.awaitLine("READY", Duration.ofSeconds(30));
				assertThat(clientIds(files)).hasSize(1);
				client.kill();
				long start = System.nanoTime();
				TransportError error = closed.get(10, TimeUnit.SECONDS);
				assertThat(error.error().message()).contains("process " + client.pid() + " is gone");
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500);
				assertThat(clientIds(files)).isEmpty();
			}
		}
	}

	private static List<Integer> clientIds(Path directory) throws IOException {
		List<Integer> ids = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "client-*.cnc")) {
			for (Path file : files) {
				ids.add(ShmDescriptor.clientId(file.getFileName().toString()));
			}
		}
		return ids;
	}

}
