package io.cdmf.ipc.transport.shm.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * What Chronicle Queue needs from the JVM, checked before any Chronicle class loads: the library on the classpath,
 * the module flags of Java 17 and later, and quiet defaults (no analytics, no announcer banner, no disk monitor
 * thread), set as system properties unless the application set them already.
 *
 * @since 0.1.0
 */
public final class ChronicleSupport {

	/** Every flag Chronicle Queue wants on Java 17+; without the first two it fails, the rest only warn. */
	public static final String FLAGS = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED "
			+ "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
			+ "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED "
			+ "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED "
			+ "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED "
			+ "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED "
			+ "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED";

	private static final String QUEUE_CLASS = "net.openhft.chronicle.queue.ChronicleQueue";

	private ChronicleSupport() {
	}

	/**
	 * Returns whether Chronicle Queue is on the classpath, without loading it.
	 * @return whether it is present
	 */
	public static boolean isOnClasspath() {
		ClassLoader loader = ChronicleSupport.class.getClassLoader();
		return loader != null && loader.getResource(QUEUE_CLASS.replace('.', '/') + ".class") != null;
	}

	/**
	 * Returns the flags without which Chronicle Queue fails.
	 * @return the missing flags, empty if none
	 */
	public static List<String> missingFlags() {
		Module self = ChronicleSupport.class.getModule();
		Module base = Object.class.getModule();
		List<String> missing = new ArrayList<>();
		if (!base.isExported("sun.nio.ch", self)) {
			missing.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
		}
		if (!base.isOpen("java.lang.reflect", self)) {
			missing.add("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
		}
		if (!base.isExported("jdk.internal.misc", self)) {
			// Agrona, which maps the consumer position files.
			missing.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
		}
		return missing;
	}

	/**
	 * Returns why the journal cannot run here, or an empty string if it can.
	 * @return the explanation, with the exact flags to add
	 */
	public static String unavailableReason() {
		if (!isOnClasspath()) {
			return "Chronicle Queue is not on the classpath: add the dependency net.openhft:chronicle-queue";
		}
		List<String> missing = missingFlags();
		if (missing.isEmpty()) {
			return "";
		}
		return "the JVM lacks " + String.join(" ", missing) + ". Chronicle Queue on Java 17+ needs these JVM flags: "
				+ FLAGS + " --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
	}

	/**
	 * Turns off Chronicle's analytics, announcer banner and disk-space monitor unless already configured. Must run
	 * before the first Chronicle class loads: Chronicle reads these properties once, in static initializers.
	 */
	public static void applyQuietDefaults() {
		System.getProperties().putIfAbsent("chronicle.analytics.disable", "true");
		System.getProperties().putIfAbsent("chronicle.announcer.disable", "true");
		System.getProperties().putIfAbsent("chronicle.disk.monitor.disable", "true");
	}

}
