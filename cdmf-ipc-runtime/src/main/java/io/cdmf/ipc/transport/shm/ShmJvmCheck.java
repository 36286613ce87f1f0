package io.cdmf.ipc.transport.shm;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;

/**
 * Checks that the JVM lets Agrona 2 use {@code jdk.internal.misc.Unsafe}, and says exactly how to fix it when not.
 *
 * @since 0.1.0
 */
public final class ShmJvmCheck {

	/** The JVM flag Agrona 2 needs on Java 17 and later. */
	public static final String REQUIRED_FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

	/** The manifest line that does the same for an executable jar ({@code java -jar}). */
	public static final String MANIFEST_LINE = "Add-Exports: java.base/jdk.internal.misc";

	private ShmJvmCheck() {
	}

	/**
	 * Returns whether {@code jdk.internal.misc} is exported to this class's module.
	 * @return whether Agrona can run
	 */
	public static boolean isAgronaUsable() {
		return Object.class.getModule().isExported("jdk.internal.misc", ShmJvmCheck.class.getModule());
	}

	/**
	 * Returns the explanation given when the flag is missing.
	 * @return the message, with the exact flag and manifest line
	 */
	public static String missingFlagMessage() {
		return "this JVM does not export java.base/jdk.internal.misc to the unnamed module, and shared-memory "
				+ "transports use Agrona, which needs the JVM flag " + REQUIRED_FLAG
				+ " on Java 17 and later. Add it to the java command line (or JAVA_TOOL_OPTIONS, surefire's argLine), "
				+ "or for an executable jar put the line '" + MANIFEST_LINE + "' in its META-INF/MANIFEST.MF";
	}

	/**
	 * Fails if the flag is missing.
	 * @throws IpcException with {@code ILLEGAL_STATE} and {@link #missingFlagMessage()}
	 */
	public static void check() {
		if (!isAgronaUsable()) {
			throw new IpcException(ErrorCode.ILLEGAL_STATE, missingFlagMessage());
		}
	}

}
