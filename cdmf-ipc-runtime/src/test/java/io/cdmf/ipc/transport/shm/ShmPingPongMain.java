package io.cdmf.ipc.transport.shm;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.HdrHistogram.Histogram;

/**
 * An ad-hoc cross-process measurement of {@code shm://}, not a benchmark harness: run {@code server <endpoint>} in
 * one JVM and {@code client <endpoint> <payload bytes> <round trips>} in another. The client prints the round-trip
 * percentiles and the one-way rate; the server prints the bytes its duty-cycle thread allocated per received
 * one-way message.
 */
public final class ShmPingPongMain {

	private ShmPingPongMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("server")) {
			server(args[1]);
		}
		else {
			client(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
		}
	}

	private static void server(String endpoint) throws InterruptedException {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		AtomicLong count = new AtomicLong();
		long[] mark = new long[2];
		Transport server = TransportFactory.create(endpoint);
		server.setMessageCallback(message -> {
			String subject = message.getMetadata().getSubject();
			if (subject.equals("ping")) {
				// Answer with the request's own payload view: copied once, from ring to ring.
				server.send(message.createResponse().setPayload(message.getPayload()));
			}
			else if (subject.equals("mark")) {
				mark[0] = threads.getCurrentThreadAllocatedBytes();
				mark[1] = count.get();
			}
			else if (subject.equals("report")) {
				long bytes = threads.getCurrentThreadAllocatedBytes() - mark[0];
				long messages = count.get() - mark[1];
				System.out.printf("ALLOC %.1f bytes per received one-way message (%d messages)%n",
						(double) bytes / Math.max(1, messages), messages);
			}
			else {
				count.incrementAndGet();
			}
		});
		server.start();
		System.out.println("READY");
		new CountDownLatch(1).await();
	}

	/**
	 * Round trips are driven from the client's duty-cycle thread (the response callback sends the next request), so
	 * each side has exactly one polling thread; the one-way burst uses a second client whose duty cycle backs off.
	 */
	private static void client(String endpoint, int size, int roundTrips) throws InterruptedException {
		int warmup = 20_000;
		Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
		CountDownLatch done = new CountDownLatch(1);
		ByteBuffer payload = ByteBuffer.allocate(size);
		long[] sentAt = new long[1];
		int[] remaining = { roundTrips + warmup };
		try (Transport client = TransportFactory.create(endpoint + "&idle-strategy=busy-spin")) {
			client.setMessageCallback(message -> {
				long now = System.nanoTime();
				if (remaining[0]-- <= roundTrips) {
					histogram.recordValue(now - sentAt[0]);
				}
				if (remaining[0] == 0) {
					done.countDown();
					return;
				}
				sentAt[0] = System.nanoTime();
				client.send(Message.request("ping", payload.duplicate()));
			});
			client.connect();
			sentAt[0] = System.nanoTime();
			client.send(Message.request("ping", payload.duplicate()));
			done.await();
		}
		System.out.printf("RTT %d B: p50 %.2f us, p99 %.2f us, p99.9 %.2f us (%d round trips)%n", size,
				histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
				histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getTotalCount());
		oneWay(endpoint, size);
	}

	private static void oneWay(String endpoint, int size) throws InterruptedException {
		CountDownLatch answered = new CountDownLatch(1);
		try (Transport client = TransportFactory.create(endpoint + "&idle-strategy=backoff")) {
			client.setMessageCallback(message -> answered.countDown());
			client.connect();
			int count = 2_000_000;
			Message event = Message.request("event", ByteBuffer.allocate(size));
			event.getHeader().setFlag(MessageHeader.FLAG_ONE_WAY, true);
			client.send(Message.request("mark", ByteBuffer.allocate(0)));
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				client.send(event);
			}
			// A round trip after the last one-way message: the server has read them all when it is answered.
			client.send(Message.request("ping", ByteBuffer.allocate(size)));
			answered.await();
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("ONE-WAY %d B: %.2f M msgs/s%n", size, count / seconds / 1e6);
			client.send(Message.request("report", ByteBuffer.allocate(0)));
		}
	}

}
