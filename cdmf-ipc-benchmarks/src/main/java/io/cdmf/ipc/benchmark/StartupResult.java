package io.cdmf.ipc.benchmark;

import org.jspecify.annotations.Nullable;

/**
 * What the start-up case measured for one application: the medians of its starts.
 *
 * @param app the application's id, e.g. {@code boot-unix-binary} or {@code peer-spring-grpc}
 * @param label its row label
 * @param transport the endpoint's scheme
 * @param format the serialization format, or {@code protobuf-bytes} for the Spring gRPC app
 * @param peer whether it is a peer framework's application
 * @param runs starts measured
 * @param medianReadyMillis median time from forking the JVM to its ready line, in milliseconds
 * @param minReadyMillis fastest start, in milliseconds
 * @param maxReadyMillis slowest start, in milliseconds
 * @param medianBootMillis median of Boot's own figure ({@code ApplicationReadyEvent.getTimeTaken()}, what "Started
 * ... in" shows up to the ready event), in milliseconds
 * @param medianLoadedClasses median number of classes loaded when ready
 * @param medianCpuMillis median CPU time the JVM had used when ready (every thread, JIT and GC included), in
 * milliseconds: less moved by other work on the machine than the times
 * @param loadAtStart the 1 minute load average when the first start began
 * @param failure why it could not be measured, or {@code null}
 * @since 0.1.0
 */
public record StartupResult(String app, String label, String transport, String format, boolean peer, int runs,
		double medianReadyMillis, double minReadyMillis, double maxReadyMillis, double medianBootMillis,
		double medianLoadedClasses, double medianCpuMillis, double loadAtStart, @Nullable String failure) {

	/**
	 * Returns whether it was measured.
	 * @return whether there are figures
	 */
	public boolean isSuccess() {
		return this.failure == null;
	}

}
