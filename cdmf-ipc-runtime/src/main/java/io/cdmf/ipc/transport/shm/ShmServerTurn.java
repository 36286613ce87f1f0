package io.cdmf.ipc.transport.shm;

import java.util.function.BooleanSupplier;

import io.cdmf.ipc.transport.ReceiverRelay;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * One thread's turn at running a {@link ShmServer}'s duty cycle: it ends when the server's {@link ReceiverRelay}
 * hands receiving to a successor because a handler run on this thread blocks. The successor pins the record that
 * handler reads in place (its space stays out of the producers' reach until the handler returns) and reads on after
 * it; the blocked thread returns from its handler, marks the record finished and, no longer the reader, ends without
 * touching the ring or the server again.
 *
 * @since 0.1.0
 */
final class ShmServerTurn implements Agent {

	private final ShmServer server;

	private final ReceiverRelay relay;

	private final BooleanSupplier stillReader = this::stillReader;

	private final String name;

	private final ShmRing.Delivery delivery = new ShmRing.Delivery();

	private final Runnable ended;

	private int generation;

	/**
	 * Creates a turn.
	 * @param name the thread's name (the agent's role name, which the runner gives its thread)
	 * @param ended called on the thread as it ends, whether it was still the reader or not
	 */
	ShmServerTurn(ShmServer server, ReceiverRelay relay, String name, Runnable ended) {
		this.server = server;
		this.relay = relay;
		this.name = name;
		this.ended = ended;
	}

	@Override
	public void onStart() {
		this.generation = this.relay.claim();
		this.server.takeOverReading(this.delivery);
	}

	@Override
	public int doWork() {
		if (!stillReader()) {
			// The runner ends its loop; onClose leaves the server to the successor.
			throw new AgentTerminationException();
		}
		return this.server.doWork(this.stillReader, this.delivery);
	}

	private boolean stillReader() {
		return this.relay.owns(this.generation);
	}

	@Override
	public void onClose() {
		try {
			if (stillReader()) {
				this.server.onClose();
			}
		}
		finally {
			this.ended.run();
		}
	}

	@Override
	public String roleName() {
		return this.name;
	}

}
