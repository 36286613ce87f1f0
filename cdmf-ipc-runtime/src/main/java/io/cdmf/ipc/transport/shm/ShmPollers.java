package io.cdmf.ipc.transport.shm;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.cdmf.ipc.transport.IoThreads;
import io.cdmf.ipc.transport.RateLimitedLog;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty-cycle threads all client shared-memory connections of the process share ({@link IoThreads#pollerThreads()}
 * of them, started on first use, never stopped: daemon threads), so that a connection is one more agent on a thread
 * rather than a thread of its own; connections are spread over them in turn.
 * <p>
 * A poller spins while any of its connections has work, then yields and parks up to a millisecond. A caller waiting
 * for a response normally reads its own ring ({@link ShmReadGuard}) and the poller skips it; a waiting caller that
 * parks instead {@link Poller#wake() wakes} its poller, so parking costs no latency where someone waits.
 * <p>
 * Hand-written rather than on Agrona's {@code DynamicCompositeAgent}: that takes one pending change at a time, and a
 * connection closed from its own poller's thread (a response callback closing its channel) while another change is
 * pending could never be removed. Here changes queue.
 */
final class ShmPollers {

	private static final Logger logger = LoggerFactory.getLogger(ShmPollers.class);

	private static volatile Poller[] pollers;

	private static final AtomicInteger next = new AtomicInteger();

	private ShmPollers() {
	}

	/**
	 * Adds an agent to one of the pollers; it starts with that poller's next duty cycle.
	 * @param agent the agent; its {@code onClose} runs on the poller once it is {@link Poller#remove removed}
	 * @return the poller that runs it
	 */
	static Poller add(Agent agent) {
		Poller[] current = pollers;
		if (current == null) {
			current = start();
		}
		Poller poller = current[Math.floorMod(next.getAndIncrement(), current.length)];
		poller.add(agent);
		return poller;
	}

	private static synchronized Poller[] start() {
		if (pollers != null) {
			return pollers;
		}
		int count = IoThreads.pollerThreads();
		Poller[] started = new Poller[count];
		for (int i = 0; i < count; i++) {
			started[i] = new Poller("cdmf-shm-poller-" + (i + 1));
		}
		pollers = started;
		return started;
	}

	/**
	 * One poller thread and the agents it runs.
	 */
	static final class Poller implements Agent {

		private static final Agent[] NONE = new Agent[0];

		private final String name;

		private final Queue<Agent> added = new ConcurrentLinkedQueue<>();

		private final Queue<Removal> removed = new ConcurrentLinkedQueue<>();

		private final RateLimitedLog failureLog = new RateLimitedLog(logger, 1_000);

		private final AgentRunner runner;

		/** The agents; read and written by the poller thread only. */
		private Agent[] agents = NONE;

		Poller(String name) {
			this.name = name;
			this.runner = new AgentRunner(new BackoffIdleStrategy(1_000, 100, TimeUnit.MICROSECONDS.toNanos(1),
					TimeUnit.MILLISECONDS.toNanos(1)), this::onError, null, this);
			AgentRunner.startOnThread(this.runner, runnable -> {
				Thread thread = new Thread(runnable, name);
				thread.setDaemon(true);
				return thread;
			});
		}

		void add(Agent agent) {
			this.added.add(agent);
			wake();
		}

		/**
		 * Removes an agent: its {@code onClose} runs on the poller thread at the start of its next duty cycle (so that
		 * an agent removed from within its own duty cycle, in the middle of reading its ring, is closed once that read
		 * is over). Safe from any thread.
		 * @param agent the agent
		 * @return completed once its {@code onClose} ran
		 */
		CompletableFuture<Void> remove(Agent agent) {
			Removal removal = new Removal(agent, new CompletableFuture<>());
			this.removed.add(removal);
			if (!isPollerThread()) {
				wake();
			}
			return removal.closed();
		}

		/**
		 * Wakes the poller if it parks.
		 */
		void wake() {
			Thread thread = this.runner.thread();
			if (thread != null) {
				LockSupport.unpark(thread);
			}
		}

		boolean isPollerThread() {
			return Thread.currentThread() == this.runner.thread();
		}

		@Override
		public int doWork() {
			if (!this.added.isEmpty() || !this.removed.isEmpty()) {
				applyChanges();
			}
			int work = 0;
			for (Agent agent : this.agents) {
				try {
					work += agent.doWork();
				}
				catch (Exception ex) {
					this.failureLog.warn("Shared-memory client {} failed in its duty cycle; it goes on: {}",
							agent.roleName(), ex.toString());
				}
			}
			return work;
		}

		private void applyChanges() {
			Agent agent;
			while ((agent = this.added.poll()) != null) {
				try {
					agent.onStart();
					this.agents = Arrays.copyOf(this.agents, this.agents.length + 1);
					this.agents[this.agents.length - 1] = agent;
				}
				catch (RuntimeException ex) {
					logger.error("Shared-memory client {} failed to start on {}", agent.roleName(), this.name, ex);
				}
			}
			Removal removal;
			while ((removal = this.removed.poll()) != null) {
				agent = removal.agent();
				int index = indexOf(agent);
				if (index >= 0) {
					Agent[] smaller = new Agent[this.agents.length - 1];
					System.arraycopy(this.agents, 0, smaller, 0, index);
					System.arraycopy(this.agents, index + 1, smaller, index, smaller.length - index);
					this.agents = smaller;
				}
				else if (this.added.remove(agent)) {
					logger.debug("Shared-memory client {} was removed before it started", agent.roleName());
				}
				try {
					agent.onClose();
				}
				catch (RuntimeException ex) {
					logger.error("Shared-memory client {} failed to close on {}", agent.roleName(), this.name, ex);
				}
				finally {
					removal.closed().complete(null);
				}
			}
		}

		private int indexOf(Agent agent) {
			for (int i = 0; i < this.agents.length; i++) {
				if (this.agents[i] == agent) {
					return i;
				}
			}
			return -1;
		}

		@Override
		public String roleName() {
			return this.name;
		}

		private record Removal(Agent agent, CompletableFuture<Void> closed) {

		}

		private void onError(Throwable failure) {
			logger.error("Poller {} failed; it goes on", this.name, failure);
		}

	}

}
