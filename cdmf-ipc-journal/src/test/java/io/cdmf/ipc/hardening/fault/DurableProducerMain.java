package io.cdmf.ipc.hardening.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;

/**
 * A journal producer in a second JVM that keeps count of the events it was told are durable, where a
 * {@code kill -9} cannot lose the count. Arguments: endpoint, number of events, acknowledgement file, events per
 * millisecond (0 for full speed). Each event's payload is its sequence number (8 bytes); after each
 * {@code send} returns, the producer writes how many events are durable into the first 8 bytes of the acknowledgement
 * file (a mapped file). It starts after the count it finds there, so a restarted producer goes on where the killed
 * one's acknowledgements end. Prints {@code READY <pid> <first seq>} and {@code SENT <count>} when done.
 */
public final class DurableProducerMain {

	private DurableProducerMain() {
	}

	public static void main(String[] args) throws IOException {
		int total = Integer.parseInt(args[1]);
		int perMilli = Integer.parseInt(args[3]);
		MappedByteBuffer acknowledged;
		try (FileChannel channel = FileChannel.open(Path.of(args[2]), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			acknowledged = channel.map(FileChannel.MapMode.READ_WRITE, 0, 8);
		}
		long first = acknowledged.getLong(0);
		try (Transport producer = TransportFactory.create(args[0])) {
			producer.connect();
			System.out.println("READY " + ProcessHandle.current().pid() + " " + first);
			ByteBuffer payload = ByteBuffer.allocate(8);
			for (long seq = first; seq < total; seq++) {
				payload.putLong(0, seq);
				producer.send(Message.create(MessageType.EVENT).setPayload(payload.duplicate()));
				acknowledged.putLong(0, seq + 1);
				if (perMilli > 0 && seq % perMilli == 0) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
			}
		}
		System.out.println("SENT " + total);
	}

}
