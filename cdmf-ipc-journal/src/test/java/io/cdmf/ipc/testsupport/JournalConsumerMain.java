package io.cdmf.ipc.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;

/**
 * A journal consumer run in a second JVM, to be killed. Arguments: endpoint, counts file, number of events, and the
 * sequence number at which the handler stops forever (-1 for none). For each event the handler increments the
 * event's byte in the counts file (a mapped file, so the counts survive {@code kill -9}) and the processed total at
 * its end. Prints {@code PAUSED <seq>} when it stops, {@code DONE} after the last event.
 */
public final class JournalConsumerMain {

	private JournalConsumerMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int total = Integer.parseInt(args[2]);
		long pauseAt = Long.parseLong(args[3]);
		MappedByteBuffer counts;
		try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			counts = channel.map(FileChannel.MapMode.READ_WRITE, 0, total + 8L);
		}
		CountDownLatch never = new CountDownLatch(1);
		Transport consumer = TransportFactory.create(args[0]);
		consumer.setMessageCallback(message -> {
			ByteBuffer payload = message.getPayload();
			int seq = (int) payload.getLong(payload.position());
			counts.put(seq, (byte) (counts.get(seq) + 1));
			counts.putLong(total, counts.getLong(total) + 1);
			if (seq == pauseAt) {
				System.out.println("PAUSED " + seq);
				awaitQuietly(never);
			}
			if (seq == total - 1) {
				System.out.println("DONE");
			}
		});
		consumer.start();
		System.out.println("READY " + ProcessHandle.current().pid());
		never.await();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
