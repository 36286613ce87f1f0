package io.cdmf.ipc.rpc;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * Virtual threads where the JVM has them (Java 21+), reached by reflection so that the runtime still compiles and runs
 * on Java 17: {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}.
 * <p>
 * Reflection rather than a multi-release jar: it is three calls made once per stub start, and a multi-release build
 * would need a second compiler run at release 21 for them.
 */
final class VirtualThreads {

	private static final @Nullable Method OF_VIRTUAL = find();

	private VirtualThreads() {
	}

	private static @Nullable Method find() {
		try {
			return Thread.class.getMethod("ofVirtual");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	/**
	 * Returns whether this JVM has virtual threads.
	 * @return whether {@code Thread.ofVirtual()} exists
	 */
	static boolean isAvailable() {
		return OF_VIRTUAL != null;
	}

	/**
	 * Returns an executor that starts a virtual thread per task, named {@code prefix} and a number.
	 * @param prefix the threads' name prefix
	 * @return the executor
	 * @throws IllegalStateException if the JVM has no virtual threads
	 */
	static ExecutorService newThreadPerTaskExecutor(String prefix) {
		Method ofVirtual = OF_VIRTUAL;
		if (ofVirtual == null) {
			throw new IllegalStateException("virtual threads need Java 21 or later; this JVM is Java "
					+ Runtime.version().feature());
		}
		try {
			Object builder = ofVirtual.invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
				.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("could not create a virtual-thread executor on Java "
					+ Runtime.version().feature() + ": " + ex, ex);
		}
	}

}
