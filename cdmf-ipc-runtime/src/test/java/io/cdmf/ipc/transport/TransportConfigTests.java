package io.cdmf.ipc.transport;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.cdmf.ipc.InvalidEndpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TransportConfigTests {

	private static final String ENDPOINT = "unix:///tmp/calc.sock";

	@Test
	void shouldUseDefaults() {
		TransportConfig config = TransportConfig.of(ENDPOINT);

		assertThat(config.endpoint()).isEqualTo(EndpointUri.parse(ENDPOINT));
		assertThat(config.type()).isEqualTo(TransportType.UNIX_SOCKET);
		assertThat(config.maxFrameLength()).isEqualTo(16 * 1024 * 1024);
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(config.socketPermissions()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(config.maxPendingWriteBytes()).isEqualTo(64 * 1024 * 1024);
		assertThat(config.receiveQueueCapacity()).isEqualTo(4096);
		assertThat(config.maxConnections()).isEqualTo(1024);
		assertThat(config.options()).isEmpty();
	}

	@Test
	void shouldRejectInvalidEndpoint() {
		assertThatExceptionOfType(InvalidEndpointException.class).isThrownBy(() -> TransportConfig.of("calc"))
			.withMessageContaining("supported schemes");
	}

	@Test
	void shouldApplyEverySetting() {
		TransportConfig config = TransportConfig.custom(ENDPOINT)
			.maxFrameLength(1024)
			.connectTimeout(Duration.ofMillis(1))
			.sendTimeout(Duration.ofMinutes(2))
			.socketPermissions("rw-rw----")
			.maxPendingWriteBytes(4096)
			.receiveQueueCapacity(1)
			.maxConnections(1)
			.build();

		assertThat(config.maxFrameLength()).isEqualTo(1024);
		assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(1));
		assertThat(config.sendTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(config.socketPermissions()).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
		assertThat(config.maxPendingWriteBytes()).isEqualTo(4096);
		assertThat(config.receiveQueueCapacity()).isEqualTo(1);
		assertThat(config.maxConnections()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 1023 })
	void shouldRejectMaxFrameLengthBelow1024(int value) {
		assertThatIllegalArgumentException().isThrownBy(() -> TransportConfig.custom(ENDPOINT).maxFrameLength(value))
			.withMessage("maxFrameLength must be at least 1024: " + value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "-PT1S", "-PT0.000000001S" })
	void shouldRejectTimeoutsThatAreNotPositive(String text) {
		Duration value = Duration.parse(text);
		TransportConfig.Builder builder = TransportConfig.custom(ENDPOINT);

		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(value))
			.withMessage("connectTimeout must be positive: " + value);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.sendTimeout(value))
			.withMessage("sendTimeout must be positive: " + value);
	}

	@Test
	void shouldRejectNullArgumentsNamingThem() {
		TransportConfig.Builder builder = TransportConfig.custom(ENDPOINT);

		assertThatNullPointerException().isThrownBy(() -> builder.connectTimeout(null))
			.withMessage("connectTimeout must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.sendTimeout(null))
			.withMessage("sendTimeout must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.socketPermissions((Set<PosixFilePermission>) null))
			.withMessage("socketPermissions must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.option(null, "v"))
			.withMessage("key must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.option("k", null))
			.withMessage("value must not be null");
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, -1, 0 })
	void shouldRejectCountsThatAreNotPositive(int value) {
		TransportConfig.Builder builder = TransportConfig.custom(ENDPOINT);

		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxPendingWriteBytes(value))
			.withMessage("maxPendingWriteBytes must be positive: " + value);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.receiveQueueCapacity(value))
			.withMessage("receiveQueueCapacity must be positive: " + value);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxConnections(value))
			.withMessage("maxConnections must be positive: " + value);
	}

	@Test
	void shouldRaiseMaxPendingWriteBytesToTheMaxFrameLength() {
		TransportConfig config = TransportConfig.custom(ENDPOINT).maxPendingWriteBytes(1).maxFrameLength(2048).build();

		assertThat(config.maxPendingWriteBytes()).isEqualTo(2048);
	}

	@Test
	void shouldAllowSocketPermissionsToBeEmpty() {
		TransportConfig config = TransportConfig.custom(ENDPOINT).socketPermissions(Set.of()).build();

		assertThat(config.socketPermissions()).isEmpty();
		assertThat(TransportConfig.from(config).build().socketPermissions()).isEmpty();
	}

	@Test
	void shouldMergeUriOptionsWithBuilderOptionsWhichOverride() {
		TransportConfig config = TransportConfig.custom(ENDPOINT + "?ringSize=1024&mode=fast")
			.option("ringSize", "4096")
			.option("tls", "true")
			.build();

		assertThat(config.options()).containsOnly(Map.entry("ringSize", "4096"), Map.entry("mode", "fast"),
				Map.entry("tls", "true"));
		assertThat(config.option("mode")).isEqualTo("fast");
		assertThat(config.option("absent")).isNull();
		assertThat(config.endpoint().options()).containsEntry("ringSize", "1024");
	}

	@Test
	void shouldReadTypedOptions() {
		TransportConfig config = TransportConfig.of("shm://s?size=%201024%20&on=TRUE&off=no&bad=12x");

		assertThat(config.longOption("size", 7)).isEqualTo(1024);
		assertThat(config.longOption("absent", 7)).isEqualTo(7);
		assertThat(config.booleanOption("on", false)).isTrue();
		assertThat(config.booleanOption("off", true)).isFalse();
		assertThat(config.booleanOption("absent", true)).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> config.longOption("bad", 0))
			.withMessageContaining("option 'bad'")
			.withMessageContaining("must be a number: '12x'");
	}

	@Test
	void shouldCopyEverySettingWithFrom() {
		TransportConfig base = TransportConfig.custom(ENDPOINT + "?a=1")
			.maxFrameLength(4096)
			.connectTimeout(Duration.ofSeconds(1))
			.sendTimeout(Duration.ofSeconds(2))
			.socketPermissions("rw-rw-rw-")
			.maxPendingWriteBytes(8192)
			.receiveQueueCapacity(3)
			.maxConnections(4)
			.option("b", "2")
			.build();

		TransportConfig copy = TransportConfig.from(base).build();

		assertThat(copy).usingRecursiveComparison().isEqualTo(base);
	}

	@Test
	void shouldLeaveTheBaseAloneWhenTheCopyChanges() {
		TransportConfig base = TransportConfig.custom(ENDPOINT).option("b", "2").build();

		TransportConfig changed = TransportConfig.from(base)
			.maxFrameLength(2048)
			.socketPermissions("r--------")
			.option("b", "3")
			.option("c", "4")
			.build();

		assertThat(changed.maxFrameLength()).isEqualTo(2048);
		assertThat(changed.options()).containsOnly(Map.entry("b", "3"), Map.entry("c", "4"));
		assertThat(base.maxFrameLength()).isEqualTo(TransportConfig.DEFAULT_MAX_FRAME_LENGTH);
		assertThat(base.socketPermissions()).isEqualTo(TransportConfig.DEFAULT_SOCKET_PERMISSIONS);
		assertThat(base.options()).containsOnly(Map.entry("b", "2"));
	}

	@Test
	void shouldExposeUnmodifiableCollections() {
		TransportConfig config = TransportConfig.custom(ENDPOINT).option("a", "1").build();

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> config.options().put("b", "2"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> config.socketPermissions().add(PosixFilePermission.OTHERS_EXECUTE));
	}

}
