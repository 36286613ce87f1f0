package io.cdmf.ipc.benchmark.boot;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

/**
 * Where a Boot application's start goes, for the start-up case's profile: with the system property
 * {@value #PROPERTY}{@code =N} set, the application records its start with Boot's
 * {@link BufferingApplicationStartup} and, once ready, prints its N longest steps to stderr (the bean instantiations
 * with their bean names). Off by default: recording costs time of its own.
 *
 * @since 0.1.0
 */
public final class StartupSteps {

	/** System property with the number of steps to print; unset prints none and records nothing. */
	public static final String PROPERTY = "cdmf.bench.startup-steps";

	private static final int CAPACITY = 20_000;

	private StartupSteps() {
	}

	/**
	 * Makes the application record its start, if {@value #PROPERTY} asks for it.
	 * @param application the application, before {@code run}
	 * @return the recorder, or {@code null} if not asked
	 */
	public static @Nullable BufferingApplicationStartup record(SpringApplication application) {
		if (System.getProperty(PROPERTY) == null) {
			return null;
		}
		BufferingApplicationStartup startup = new BufferingApplicationStartup(CAPACITY);
		application.setApplicationStartup(startup);
		return startup;
	}

	/**
	 * Prints the longest steps recorded.
	 * @param startup the recorder, or {@code null} to print nothing
	 */
	public static void print(@Nullable BufferingApplicationStartup startup) {
		if (startup == null) {
			return;
		}
		int top = Integer.getInteger(PROPERTY, 30);
		List<StartupTimeline.TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		System.err.println("startup steps: " + events.size() + " recorded, the " + top + " longest (ms, name, tags):");
		events.stream()
			.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
			.limit(top)
			.forEach((event) -> System.err.println("  " + event.getDuration().toMillis() + " "
					+ event.getStartupStep().getName() + " " + tags(event.getStartupStep())));
	}

	private static String tags(StartupStep step) {
		StringBuilder out = new StringBuilder();
		for (StartupStep.Tag tag : step.getTags()) {
			out.append(tag.getKey()).append('=').append(tag.getValue()).append(' ');
		}
		return out.toString().strip();
	}

}
