package io.cdmf.ipc.transport.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.message.frame.FrameDescriptor;
import io.cdmf.ipc.message.frame.FrameEncoder;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportError;
import io.cdmf.ipc.transport.TransportFactory;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server side of {@code shm://}: stale files at start, dead clients, bad records in the request ring.
 */
class ShmServerTests {

	private static final ShmTestDirectory DIRECTORY = new ShmTestDirectory();

	@AfterAll
	static void removeDirectory() {
		DIRECTORY.close();
	}

	@Test
	void whenStartingThenFilesOfDeadProcessesAreReplacedAndLiveOnesKept() throws Exception {
		String endpoint = DIRECTORY.endpoint("stale");
		Path files = DIRECTORY.filesOf(endpoint);
		Files.createDirectories(files);
		long deadPid = deadPid();
		fakeFile(files.resolve(ShmDescriptor.SERVER_FILE), deadPid, 0);
		Path deadClient = fakeFile(files.resolve(ShmDescriptor.clientFileName(1000)), deadPid, 1000);
		Path liveClient = fakeFile(files.resolve(ShmDescriptor.clientFileName(1001)), ProcessHandle.current().pid(),
				1001);
		try (Transport server = TransportFactory.create(endpoint); Transport client = TransportFactory.create(endpoint)) {
			server.start();
			assertThat(deadClient).doesNotExist();
			assertThat(liveClient).exists();
			assertThat(ShmFile.open(files.resolve(ShmDescriptor.SERVER_FILE)).pid())
				.isEqualTo(ProcessHandle.current().pid());
			client.connect();
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void whenAClientProcessDiesThenServerReclaimsItsFileAndReportsTheConnectionClosed() throws Exception {
		String endpoint = DIRECTORY.endpoint("dead-client");
		CompletableFuture<TransportError> closed = new CompletableFuture<>();
		try (Transport server = TransportFactory.create(endpoint); Transport client = TransportFactory.create(endpoint)) {
			server.setErrorCallback(error -> {
				if (error.connectionClosed()) {
					closed.complete(error);
				}
			});
			server.start();
			client.connect();
			Path clientFile = clientFiles(DIRECTORY.filesOf(endpoint)).get(0);
			overwritePid(clientFile, deadPid());
			TransportError error = closed.get(5, TimeUnit.SECONDS);
			assertThat(error.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
			assertThat(error.error().message()).contains("is gone");
			assertThat(clientFile).doesNotExist();
			assertThat(server.getStats().activeConnections()).isZero();
		}
	}

	@Test
	void whenGarbageIsWrittenIntoTheRequestRingThenItIsSkippedCountedAndAnsweredWhereTheIdIsKnown()
			throws Exception {
		String endpoint = DIRECTORY.endpoint("garbage");
		try (Transport server = TransportFactory.create(endpoint); Transport client = TransportFactory.create(endpoint)) {
			server.setMessageCallback(message -> server.send(message.createResponse()));
			server.start();
			client.connect();
			Path files = DIRECTORY.filesOf(endpoint);
			int clientId = ShmDescriptor.clientId(clientFiles(files).get(0).getFileName().toString());
			ShmRing ring = ShmFile.open(files.resolve(ShmDescriptor.SERVER_FILE)).ring();
			byte[] junk = new byte[200];
			ThreadLocalRandom.current().nextBytes(junk);
			assertThat(ring.writeControl(clientId, new UnsafeBuffer(junk), junk.length)).isTrue();
			assertThat(ring.writeControl(12345, new UnsafeBuffer(junk), junk.length)).isTrue();
			assertThat(ring.writeControl(7, new UnsafeBuffer(junk), junk.length)).isTrue();
			// Frames in a ring carry no checksum; a damaged field is still caught, and the sender of a frame whose
			// id is readable is told.
			Message corrupt = Message.request("echo", ByteBuffer.wrap(new byte[32]));
			ByteBuffer frame = new FrameEncoder(1 << 20, false).encode(corrupt);
			frame.put(FrameDescriptor.TYPE_OFFSET, (byte) 0x7F);
			assertThat(ring.writeControl(clientId, new UnsafeBuffer(frame.array()), frame.limit())).isTrue();

			Message error = client.receive(Duration.ofSeconds(5));
			assertThat(error).isNotNull();
			assertThat(error.getType()).isEqualTo(MessageType.ERROR);
			assertThat(error.getErrorInfo().code()).isEqualTo(ErrorCode.UNKNOWN_ENUM_VALUE);
			assertThat(error.getHeader().getCorrelationId()).isEqualTo(corrupt.getMessageId());
			assertThat(error.getHeader().hasFlag(MessageHeader.FLAG_NOT_EXECUTED)).isTrue();
			assertThat(server.getStats().framesRejected()).isEqualTo(4);

			client.send(Message.request("echo", ByteBuffer.allocate(8)));
			Message response = client.receive(Duration.ofSeconds(5));
			assertThat(response).isNotNull();
			assertThat(response.getType()).isEqualTo(MessageType.RESPONSE);
		}
	}

	private static List<Path> clientFiles(Path directory) throws IOException {
		List<Path> result = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "client-*.cnc")) {
			files.forEach(result::add);
		}
		return result;
	}

	private static Path fakeFile(Path path, long pid, int clientId) throws IOException {
		ShmFile file = ShmFile.create(path, 4096, 1, clientId, PosixFilePermissions.fromString("rw-------"));
		file.signalReady();
		overwritePid(path, pid);
		return path;
	}

	private static void overwritePid(Path path, long pid) throws IOException {
		new UnsafeBuffer(ShmFile.open(path).ring().mapped()).putLongVolatile(ShmDescriptor.PID_OFFSET, pid);
	}

	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor(10, TimeUnit.SECONDS);
		return process.pid();
	}

}
