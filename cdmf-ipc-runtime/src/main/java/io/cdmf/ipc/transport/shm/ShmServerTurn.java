package io.cdmf.ipc.transport.shm;

import java.util.function.BooleanSupplier;

import io.cdmf.ipc.transport.ReceiverRelay;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * One thread's turn at running a {@link ShmServer}'s duty cycle: it ends when the server's {@link ReceiverRelay}
 * hands receiving to a successor because a handler run on this thread blocks. The successor gives the ring space of
 * the abandoned read batch back first; the blocked thread returns from its handler to find it is no longer the
 * reader and ends without touching the ring or the server again.
 *
 * @since 0.1.0
 */
final class ShmServerTurn implements Agent {

	private final ShmServer server;

	private final ReceiverRelay relay;

	private final BooleanSupplier stillReader = this::stillReader;

	private final String name;

	private int generation;

	/**
	 * Creates a turn.
	 * @param name the thread's name (the agent's role name, which the runner gives its thread)
	 */
	ShmServerTurn(ShmServer server, ReceiverRelay relay, String name) {
		this.server = server;
		this.relay = relay;
		this.name = name;
	}

	@Override
	public void onStart() {
		this.generation = this.relay.claim();
		this.server.releaseAbandonedBatch();
	}

	@Override
	public int doWork() {
		if (!stillReader()) {
			// The runner ends its loop; onClose leaves the server to the successor.
			throw new AgentTerminationException();
		}
		return this.server.doWork(this.stillReader);
	}

	private boolean stillReader() {
		return this.relay.owns(this.generation);
	}

	@Override
	public void onClose() {
		if (stillReader()) {
			this.server.onClose();
		}
	}

	@Override
	public String roleName() {
		return this.name;
	}

}
