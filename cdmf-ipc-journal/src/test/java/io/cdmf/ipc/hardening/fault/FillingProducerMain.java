package io.cdmf.ipc.hardening.fault;

import java.nio.ByteBuffer;

import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageType;
import io.cdmf.ipc.rpc.CallOptions;
import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal producer in a second JVM that writes until its file system is full. Arguments: endpoint on the small
 * file system, payload size, endpoint on a healthy one. Each event's payload starts with its sequence number and is
 * filled with its low byte. It prints {@code FAILED <seq> <error code> <exception>} for the first send that throws,
 * tries ten more (each must throw: {@code STILL FAILING <n>}), prints what a {@code ServiceProxy}'s one-way call
 * returns there ({@code PROXY <success> <code> <message>}), then writes one event to the healthy endpoint
 * ({@code OTHER OK}) and prints {@code ALIVE <acknowledged>} with the number of sends that returned. A JVM crash
 * (SIGBUS in a mapped file) prints none of this.
 */
public final class FillingProducerMain {

	private static final Logger logger = LoggerFactory.getLogger(FillingProducerMain.class);

	private FillingProducerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		int size = Integer.parseInt(args[1]);
		long acknowledged = 0;
		try (Transport producer = TransportFactory.create(args[0])) {
			producer.connect();
			System.out.println("READY " + ProcessHandle.current().pid());
			RuntimeException failure = null;
			while (failure == null) {
				try {
					producer.send(event(acknowledged, size));
					acknowledged++;
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
			}
			logger.info("Send {} failed", acknowledged, failure);
			String code = (failure instanceof IpcException ipc) ? ipc.getErrorCode().name() : "-";
			System.out.println("FAILED " + acknowledged + " " + code + " " + failure);
			int stillFailing = 0;
			for (int i = 0; i < 10; i++) {
				try {
					producer.send(event(acknowledged, size));
					System.out.println("UNEXPECTED SEND OK " + acknowledged);
					acknowledged++;
				}
				catch (RuntimeException ex) {
					stillFailing++;
				}
			}
			System.out.println("STILL FAILING " + stillFailing);
		}
		catch (RuntimeException ex) {
			// Closing the producer on a full file system must not fail either; say so instead of dying.
			logger.error("Producer failed outside send", ex);
			System.out.println("CLOSE FAILED " + ex);
		}
		// What a ServiceProxy user sees: the one-way call's result carries the same refusal.
		try (ServiceProxy proxy = new ServiceProxy(ProxyConfig.of(args[0]))) {
			CallResult result = proxy.sendOneWay("event", ByteBuffer.allocate(size), CallOptions.DEFAULTS);
			System.out.println("PROXY " + result.isSuccess() + " " + result.errorCode() + " " + result.errorMessage());
		}
		try (Transport other = TransportFactory.create(args[2])) {
			other.connect();
			other.send(event(0, size));
			System.out.println("OTHER OK");
		}
		System.out.println("ALIVE " + acknowledged);
		// Alive until the test has read ALIVE and ends this JVM: the point is that it did not crash.
		new CountDownLatch(1).await();
	}

	static Message event(long seq, int size) {
		ByteBuffer payload = ByteBuffer.allocate(size);
		for (int i = 8; i < size; i++) {
			payload.put(i, (byte) seq);
		}
		payload.putLong(0, seq);
		return Message.create(MessageType.EVENT).setPayload(payload);
	}

}
