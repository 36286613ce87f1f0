package io.cdmf.ipc.transport.shm.journal;

import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.transport.TransportDependency;

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

	/** The artifact the journal needs, with the version this build uses. */
	public static final TransportDependency CHRONICLE_QUEUE = TransportDependency.of("net.openhft", "chronicle-queue",
			"chronicle-queue.version");

	private static final String QUEUE_CLASS = "net.openhft.chronicle.queue.ChronicleQueue";

	/** Agrona, which maps the consumer position files, needs this one too. */
	private static final String AGRONA_FLAG = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

	/** Where the flags go, for the messages (docs/java-versions.md says the same). */
	private static final String WHERE_FLAGS_GO = "Add them to the java command line (or JAVA_TOOL_OPTIONS), to "
			+ "spring-boot:run's jvmArguments, or to surefire's argLine in tests; docs/java-versions.md lists the flags "
			+ "of each Java version";

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
	 * Returns whether a class loader sees Chronicle Queue. Loads its main interface without initializing it, so
	 * no Chronicle static initializer runs (those read the quiet defaults).
	 * @param classLoader the class loader to look in
	 * @return whether it is present
	 */
	public static boolean isOnClasspath(ClassLoader classLoader) {
		if (classLoader == ChronicleSupport.class.getClassLoader()) {
			return isOnClasspath();
		}
		try {
			Class.forName(QUEUE_CLASS, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// Absent or unloadable: either way the journal cannot run, and the caller says what to add.
			return false;
		}
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
			missing.add(AGRONA_FLAG);
		}
		return missing;
	}

	/**
	 * Returns why the journal cannot run here, or an empty string if it can.
	 * @return the explanation, with the exact artifact and flags to add
	 */
	public static String unavailableReason() {
		return unavailableReason(ChronicleSupport.class.getClassLoader());
	}

	/**
	 * Returns why the journal cannot run with the classes a class loader sees, or an empty string if it can.
	 * @param classLoader the class loader to look for Chronicle Queue in
	 * @return the explanation, with the exact artifact and flags to add
	 */
	public static String unavailableReason(ClassLoader classLoader) {
		if (!isOnClasspath(classLoader)) {
			return "shm+journal:// stores messages in Chronicle Queue, which is not on the classpath: add the "
					+ "dependency " + CHRONICLE_QUEUE.coordinates() + " (the version this build of cdmf-ipc uses), "
					+ "and on Java 17+ run the JVM with " + FLAGS + " " + AGRONA_FLAG;
		}
		List<String> missing = missingFlags();
		if (missing.isEmpty()) {
			return "";
		}
		return "the JVM lacks " + String.join(" ", missing) + ". Chronicle Queue (" + CHRONICLE_QUEUE.coordinates()
				+ ") on Java 17+ needs these JVM flags: " + FLAGS + " " + AGRONA_FLAG + ". " + WHERE_FLAGS_GO;
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
