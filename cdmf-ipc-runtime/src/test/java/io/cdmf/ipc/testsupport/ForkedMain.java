package io.cdmf.ipc.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of every {@link ForkedJvm}: it ends the JVM when the test JVM that started it is gone, then runs the
 * real main class. Without it, a test JVM killed mid-test (a CI timeout, a crashed surefire fork) would leave its
 * servers running, holding sockets and shared-memory files.
 */
public final class ForkedMain {

	/** Exit status of a forked JVM whose parent went away. */
	public static final int ORPHANED = 3;

	private ForkedMain() {
	}

	/**
	 * Watches the parent, then runs {@code args[0]}'s {@code main} with the other arguments.
	 * @param args the main class's name and its arguments
	 * @throws Throwable whatever that {@code main} throws
	 */
	public static void main(String[] args) throws Throwable {
		if (args.length == 0) {
			throw new IllegalArgumentException("Usage: ForkedMain <main class> [args...]");
		}
		// halt, not exit: a forked server's shutdown hooks may wait for a parent that no longer answers.
		ProcessHandle.current().parent()
			.ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED)));
		Method main = Class.forName(args[0]).getMethod("main", String[].class);
		try {
			main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
