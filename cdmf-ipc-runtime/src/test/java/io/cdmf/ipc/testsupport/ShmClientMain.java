package io.cdmf.ipc.testsupport;

import java.util.concurrent.CountDownLatch;

import io.cdmf.ipc.transport.Transport;
import io.cdmf.ipc.transport.TransportFactory;

/**
 * A client run in a second JVM: attaches to the server of the endpoint in its first argument, prints
 * {@code READY <pid>} and waits until killed.
 */
public final class ShmClientMain {

	private ShmClientMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		Transport client = TransportFactory.create(args[0]);
		client.connect();
		System.out.println("READY " + ProcessHandle.current().pid());
		new CountDownLatch(1).await();
	}

}
