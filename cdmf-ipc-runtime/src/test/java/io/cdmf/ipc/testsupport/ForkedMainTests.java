package io.cdmf.ipc.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forked JVM whose parent dies without closing it ends by itself: three JVMs, the middle one killed.
 */
class ForkedMainTests {

	@Test
	@Timeout(90)
	void shouldEndAForkedJvmWhenItsParentDies() throws Exception {
		try (ForkedJvm parent = ForkedJvm.start(Parent.class)) {
			String line = parent.awaitLine("CHILD ", Duration.ofSeconds(60));
			long childPid = Long.parseLong(line.substring("CHILD ".length()).trim());
			Optional<ProcessHandle> child = ProcessHandle.of(childPid);
			assertThat(child).as("the grandchild runs").isPresent();

			parent.kill();

			child.get().onExit().get(30, TimeUnit.SECONDS);
			assertThat(child.get().isAlive()).isFalse();
		}
	}

	/**
	 * Starts a child that would run for a minute, prints its pid, and waits to be killed.
	 */
	public static final class Parent {

		public static void main(String[] args) throws Exception {
			ForkedJvm child = ForkedJvm.start(Sleeper.class);
			child.awaitLine("SLEEPING", Duration.ofSeconds(60));
			System.out.println("CHILD " + child.pid());
			System.out.flush();
			Thread.sleep(TimeUnit.MINUTES.toMillis(1));
		}

	}

	/**
	 * Sleeps for a minute: long past the test, unless its parent's death ends it.
	 */
	public static final class Sleeper {

		public static void main(String[] args) throws Exception {
			System.out.println("SLEEPING");
			System.out.flush();
			Thread.sleep(TimeUnit.MINUTES.toMillis(1));
		}

	}

}
