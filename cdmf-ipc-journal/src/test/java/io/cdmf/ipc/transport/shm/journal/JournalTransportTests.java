package io.cdmf.ipc.transport.shm.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JournalTransport} with producer and consumer in this JVM.
 */
class JournalTransportTests {

	private static final ShmTestDirectory DIRECTORY = new ShmTestDirectory();

	@AfterAll
	static void removeDirectory() {
		DIRECTORY.close();
	}

	static String endpoint(String name, String... options) {
		return DIRECTORY.endpoint(name, options).replace("shm://", "shm+journal://");
	}

	@Test
	void shouldDeliverEventsInOrderAndResumeAfterTheLastProcessedOne() {
		String endpoint = endpoint("resume");
		try (Transport producer = TransportFactory.create(endpoint)) {
			producer.connect();
			for (int i = 0; i < 10; i++) {
				producer.send(event("e" + i));
			}
			assertThat(consume(endpoint, 6)).containsExactly("e0", "e1", "e2", "e3", "e4", "e5");
			for (int i = 10; i < 12; i++) {
				producer.send(event("e" + i));
			}
			assertThat(consume(endpoint, 6)).containsExactly("e6", "e7", "e8", "e9", "e10", "e11");
		}
	}

	@Test
	void journalFilesAreReachableOnlyByTheOwnerByDefault() throws IOException {
		String endpoint = endpoint("private");
		try (Transport producer = TransportFactory.create(endpoint)) {
			producer.connect();
			producer.send(event("secret"));
			assertThat(endpointDirectoryMode(producer)).isEqualTo("rwx------");
		}
		String shared = endpoint("shared");
		try (Transport producer = TransportFactory.create(io.cdmf.ipc.transport.TransportConfig.custom(shared)
			.socketPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"))
			.build())) {
			producer.connect();
			assertThat(endpointDirectoryMode(producer)).isEqualTo("rwxrwx---");
		}
	}

	private static String endpointDirectoryMode(Transport producer) throws IOException {
		JournalTransport journal = (JournalTransport) producer;
		Path queue = journal.options().queueDirectory(journal.getConfig().endpoint().requireName());
		return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(queue.getParent()));
	}

	@Test
	void whenStubServesTheJournalThenHandlersRunOnTheConsumerThreadEvenInExecutorMode() {
		String endpoint = endpoint("stub");
		List<String> threads = new CopyOnWriteArrayList<>();
		try (ServiceStub stub = new ServiceStub(StubConfig.custom("Sink").endpoint(endpoint).build());
				ServiceProxy producer = new ServiceProxy(ProxyConfig.of(endpoint))) {
			stub.registerMethod("record", request -> {
				threads.add(Thread.currentThread().getName());
				return null;
			});
			stub.start();
			assertThat(producer.callOneWay("record", bytes("x"))).isTrue();
			assertThat(producer.call("record", bytes("y")).errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
			await(() -> threads.size() == 1);
		}
		assertThat(threads).allMatch(name -> name.startsWith("cdmf-journal-"));
	}

	@Test
	void whenAConsumerNameIsTakenThenASecondFailsAndOtherNamesGetEveryEvent() {
		String endpoint = endpoint("names");
		try (Transport producer = TransportFactory.create(endpoint); Transport first = consumer(endpoint, "a")) {
			producer.connect();
			producer.send(event("only"));
			try (Transport second = TransportFactory.create(endpoint + "&consumer=a")) {
				assertThatThrownBy(second::start).isInstanceOfSatisfying(IpcException.class,
						ex -> assertThat(ex.getMessage()).contains("Another consumer named 'a'"));
			}
			assertThat(text(first.receive(Duration.ofSeconds(10)))).isEqualTo("only");
			assertThat(consume(endpoint + "&consumer=b", 1)).containsExactly("only");
		}
	}

	@Test
	void whenGarbageIsWrittenIntoAQueueFileThenTheEventIsSkippedCountedAndTheStreamGoesOn() throws IOException {
		String endpoint = endpoint("garbage");
		try (Transport producer = TransportFactory.create(endpoint)) {
			producer.connect();
			producer.send(event("first"));
			producer.send(event("SECOND-MARKER-0123456789"));
			producer.send(event("third"));
		}
		Path queue = DIRECTORY.filesOf(endpoint.replace("shm+journal://", "shm://")).resolve("queue");
		assertThat(overwrite(queue, "SECOND-MARKER")).isTrue();
		try (Transport consumer = consumer(endpoint, "default")) {
			assertThat(text(consumer.receive(Duration.ofSeconds(10)))).isEqualTo("first");
			assertThat(text(consumer.receive(Duration.ofSeconds(10)))).isEqualTo("third");
			assertThat(consumer.getStats().framesRejected()).isEqualTo(1);
		}
	}

	@Test
	void whenTheStreamRunsThroughManyCyclesThenFilesEveryConsumerPassedAreDeleted() {
		String endpoint = endpoint("retention", "roll-cycle=TEST_SECONDLY", "retention-cycles=0");
		Path queue = DIRECTORY.filesOf(endpoint.replace("shm+journal://", "shm://")).resolve("queue");
		List<String> received = new CopyOnWriteArrayList<>();
		int maxFiles = 0;
		try (Transport producer = TransportFactory.create(endpoint); Transport consumer = TransportFactory.create(endpoint)) {
			consumer.setMessageCallback(message -> received.add(text(message)));
			consumer.start();
			producer.connect();
			int sent = 0;
			for (int cycle = 0; cycle < 5; cycle++) {
				long second = System.currentTimeMillis() / 1000;
				for (int i = 0; i < 1000; i++) {
					producer.send(event("event-" + sent++));
				}
				int expected = sent;
				await(() -> received.size() == expected);
				maxFiles = Math.max(maxFiles, cycleFiles(queue));
				await(() -> System.currentTimeMillis() / 1000 > second);
			}
			await(() -> cycleFiles(queue) <= 2);
			assertThat(((JournalTransport) consumer).getDeletedCycleFiles()).isGreaterThanOrEqualTo(3);
			assertThat(received).hasSize(sent).startsWith("event-0").endsWith("event-" + (sent - 1));
		}
		assertThat(maxFiles).isLessThanOrEqualTo(3);
	}

	static Transport consumer(String endpoint, String name) {
		Transport consumer = TransportFactory.create(endpoint + "&consumer=" + name);
		consumer.start();
		return consumer;
	}

	static List<String> consume(String endpoint, int count) {
		List<String> texts = new ArrayList<>();
		try (Transport consumer = TransportFactory.create(endpoint)) {
			consumer.start();
			for (int i = 0; i < count; i++) {
				texts.add(text(consumer.receive(Duration.ofSeconds(10))));
			}
		}
		return texts;
	}

	static Message event(String text) {
		return Message.create(MessageType.EVENT).setPayload(bytes(text));
	}

	static int cycleFiles(Path queue) {
		int count = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*.cq4")) {
			for (Path ignored : files) {
				count++;
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return count;
	}

	/** Overwrites bytes of a stored event, as a disk error or a stray writer would. */
	static boolean overwrite(Path queue, String marker) throws IOException {
		byte[] needle = bytes(marker);
		try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*.cq4")) {
			for (Path file : files) {
				byte[] content = Files.readAllBytes(file);
				for (int i = 0; i + needle.length <= content.length; i++) {
					if (java.util.Arrays.equals(content, i, i + needle.length, needle, 0, needle.length)) {
						try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
							channel.write(ByteBuffer.wrap(bytes("GARBAGE")), i);
						}
						return true;
					}
				}
			}
		}
		return false;
	}

	static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime() - deadline).as("condition not met in time").isNegative();
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(Message message) {
		assertThat(message).isNotNull();
		return new String(message.getPayloadBytes(), StandardCharsets.UTF_8);
	}

}
