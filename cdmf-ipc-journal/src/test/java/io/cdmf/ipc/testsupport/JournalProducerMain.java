package io.cdmf.ipc.testsupport;

import java.nio.ByteBuffer;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;

/**
 * A journal producer run in a second JVM. Arguments: endpoint, number of events. Each event's payload is its
 * sequence number (8 bytes). Prints {@code SENT <count>} when done.
 */
public final class JournalProducerMain {

	private JournalProducerMain() {
	}

	public static void main(String[] args) {
		int total = Integer.parseInt(args[1]);
		try (Transport producer = TransportFactory.create(args[0])) {
			producer.connect();
			ByteBuffer payload = ByteBuffer.allocate(8);
			for (int seq = 0; seq < total; seq++) {
				payload.putLong(0, seq);
				producer.send(Message.create(MessageType.EVENT).setPayload(payload.duplicate()));
			}
		}
		System.out.println("SENT " + total);
	}

}
