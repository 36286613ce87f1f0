package io.cdmf.ipc.testsupport;

import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.transport.TransportFactory;

/**
 * Run in a JVM started without the shared-memory flags: tries to create each endpoint given as an argument and
 * prints {@code REFUSED <message>} or {@code CREATED}.
 */
public final class FlagCheckMain {

	private FlagCheckMain() {
	}

	public static void main(String[] args) {
		for (String endpoint : args) {
			try {
				TransportFactory.create(endpoint).close();
				System.out.println("CREATED " + endpoint);
			}
			catch (IpcException ex) {
				System.out.println("REFUSED " + ex.getMessage());
			}
		}
	}

}
