package io.cdmf.ipc.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.BinarySerializer;
import io.cdmf.ipc.serialization.Serializer;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.serialization.json.JacksonJsonSerializer;
import io.cdmf.ipc.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcAutoConfiguration}.
 */
class IpcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class));

	@Test
	void shouldCreateRegistryWithDefaultFormatsAndConfiguredEndpoints() {
		this.contextRunner.run(context -> {
			assertThat(context).hasSingleBean(SerializerRegistry.class).hasSingleBean(IpcEndpointResolver.class);
			assertThat(context.getBean(SerializerRegistry.class).formats()).contains(SerializationFormat.BINARY,
					SerializationFormat.JSON, SerializationFormat.PROTOBUF);
			assertThat(context.getBean(IpcEndpointResolver.class).clientEndpoints("S",
					List.of("unix:///tmp/s.sock", "unix:///tmp/t.sock")))
				.containsExactly("unix:///tmp/s.sock", "unix:///tmp/t.sock");
		});
	}

	@Test
	void whenApplicationHasJsonMapperThenItSerializesJson() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class)).run(context -> {
			JsonMapper mapper = context.getBean(JsonMapper.class);
			assertThat(context.getBean(SerializerRegistry.class).get(SerializationFormat.JSON))
				.isInstanceOfSatisfying(JacksonJsonSerializer.class,
						serializer -> assertThat(serializer.getJsonMapper()).isSameAs(mapper));
		});
	}

	@Test
	void whenBootsJacksonIsAbsentThenJsonUsesJacksonsDefaultsWithoutAMapperBean() {
		// What the starter gives an application without spring-boot-starter-jackson: Jackson, not Boot's mapper.
		this.contextRunner.run(context -> {
			assertThat(context).doesNotHaveBean(JsonMapper.class)
				.doesNotHaveBean("jacksonIpcSerializerRegistryCustomizer");
			Serializer json = context.getBean(SerializerRegistry.class).get(SerializationFormat.JSON);
			assertThat(json).isInstanceOf(JacksonJsonSerializer.class);
			assertThat(json.<Map<String, Integer>>deserialize(json.serialize(Map.of("answer", 42)),
					Map.class)).containsEntry("answer", 42);
		});
	}

	@Test
	void whenTheApplicationIsReadyThenJacksonsDefaultMapperIsBuiltInTheBackground() {
		this.contextRunner.run(context -> {
			JacksonJsonSerializer json = (JacksonJsonSerializer) context.getBean(SerializerRegistry.class)
				.get(SerializationFormat.JSON);
			assertThat(json.isMapperBuilt()).as("built before the application is ready").isFalse();

			context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
					context.getSourceApplicationContext(), Duration.ZERO));

			Await.until("the default mapper built", Duration.ofSeconds(30), json::isMapperBuilt);
		});
	}

	@Test
	void whenJacksonIsMissingThenNoJsonMapperCustomizer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run(context -> assertThat(context).hasSingleBean(SerializerRegistry.class)
				.doesNotHaveBean("jacksonIpcSerializerRegistryCustomizer"));
	}

	@Test
	void whenDisabledThenNothingIsConfigured() {
		this.contextRunner.withPropertyValues("cdmf.ipc.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(SerializerRegistry.class)
				.doesNotHaveBean(IpcEndpointResolver.class));
	}

	@Test
	void userRegistryWins() {
		SerializerRegistry own = SerializerRegistry.empty().register(new BinarySerializer());
		this.contextRunner.withBean(SerializerRegistry.class, () -> own)
			.run(context -> assertThat(context.getBean(SerializerRegistry.class)).isSameAs(own));
	}

	@Test
	void userEndpointResolverWins() {
		IpcEndpointResolver own = IpcEndpointResolver.configured();
		this.contextRunner.withBean(IpcEndpointResolver.class, () -> own)
			.run(context -> assertThat(context.getBean(IpcEndpointResolver.class)).isSameAs(own));
	}

	@Test
	void customizersRunOnTheRegistry() {
		this.contextRunner
			.withBean(IpcSerializerRegistryCustomizer.class,
					() -> registry -> registry.register(new BinarySerializer()))
			.run(context -> assertThat(context.getBean(SerializerRegistry.class).get(SerializationFormat.BINARY))
				.isInstanceOf(BinarySerializer.class));
	}

}
