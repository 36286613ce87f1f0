package io.cdmf.ipc.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.shm.ShmTestDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event headers survive the journal of {@code shm+journal://}: written with each event, read back in order by a
 * consumer that starts later (the journal's part of {@link TransportHeadersTests}).
 */
class JournalHeadersTests {

	private static final ShmTestDirectory SHM = new ShmTestDirectory();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String TRACEPARENT = TransportHeadersTests.REQUEST_HEADERS.get("traceparent");

	@AfterAll
	static void removeFiles() {
		SHM.close();
	}

	@Test
	void shouldKeepEventHeadersInTheJournal() {
		String endpoint = SHM.endpoint("headers-journal").replace("shm://", "shm+journal://");
		List<Map<String, String>> received = new ArrayList<>();
		try (Transport producer = TransportFactory.create(endpoint)) {
			producer.connect();
			for (int i = 0; i < 2; i++) {
				Message event = Message.create(MessageType.EVENT).setPayload(TransportHeadersTests.bytes("e" + i));
				event.getMetadata().setHeader("seq", Integer.toString(i)).setHeader("traceparent", TRACEPARENT);
				producer.send(event);
			}
			producer.send(Message.create(MessageType.EVENT).setPayload(TransportHeadersTests.bytes("plain")));
		}
		try (Transport consumer = TransportFactory.create(endpoint)) {
			consumer.start();
			for (int i = 0; i < 3; i++) {
				Message event = consumer.receive(TIMEOUT);
				assertThat(event).as("event %d", i).isNotNull();
				received.add(new LinkedHashMap<>(event.getMetadata().getHeaders()));
			}
		}

		assertThat(received).containsExactly(TransportHeadersTests.headers("seq", "0", "traceparent", TRACEPARENT),
				TransportHeadersTests.headers("seq", "1", "traceparent", TRACEPARENT), Map.of());
	}

}
