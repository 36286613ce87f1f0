package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.Serializer;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.serialization.json.JacksonJsonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Builds the JSON serializer's default Jackson mapper on a background thread once the application is ready, as Spring
 * Boot's own {@code BackgroundPreinitializer} warms up what most applications use soon after start.
 * <p>
 * The starter does not bring Boot's Jackson auto-configuration, whose {@code JsonMapper} every application built on
 * the main thread at start-up; the JSON serializer builds Jackson's default mapper on its first call instead. Built
 * only then, the first JSON call of each side paid for it (about a second on a busy two-CPU machine); built here, the
 * ready time pays nothing and the first call usually finds it done (one that comes sooner waits for the same
 * build, never a second one). An application whose JSON serializer is Boot's mapper, or its own, has nothing to
 * build.
 *
 * @since 0.1.0
 */
final class IpcJsonPreinitializer implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(IpcJsonPreinitializer.class);

	private final SerializerRegistry registry;

	IpcJsonPreinitializer(SerializerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.registry.formats().contains(SerializationFormat.JSON)) {
			return;
		}
		Serializer json = this.registry.get(SerializationFormat.JSON);
		if (!(json instanceof JacksonJsonSerializer jackson) || jackson.isMapperBuilt()) {
			return;
		}
		Thread thread = new Thread(() -> build(jackson), "cdmf-ipc-json-preinit");
		thread.setDaemon(true);
		thread.start();
	}

	private static void build(JacksonJsonSerializer jackson) {
		try {
			jackson.getJsonMapper();
		}
		catch (RuntimeException | LinkageError ex) {
			// The first JSON call builds it again and reports the failure to its caller.
			logger.warn("Could not build the default Jackson mapper of JSON calls ahead of the first call; "
					+ "that call will try again and fail with the cause if it persists", ex);
		}
	}

}
