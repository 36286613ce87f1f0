package io.cdmf.ipc.transport.shm;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ShmDescriptor}.
 */
class ShmDescriptorTests {

	@Test
	void shouldLayOutHeaderThenRingAndTrailer() {
		assertThat(ShmDescriptor.fileLength(4096))
			.isEqualTo(ShmDescriptor.HEADER_LENGTH + 4096 + RingBufferDescriptor.TRAILER_LENGTH);
		assertThat(ShmDescriptor.CLIENT_ID_OFFSET + 4).isLessThanOrEqualTo(ShmDescriptor.HEADER_LENGTH);
	}

	@Test
	void shouldNameClientFilesByIdAndReadTheIdBack() {
		assertThat(ShmDescriptor.clientFileName(12345)).isEqualTo("client-12345.cnc");
		assertThat(ShmDescriptor.clientId("client-12345.cnc")).isEqualTo(12345);
		assertThat(ShmDescriptor.clientId("client-3.cnc")).isEqualTo(-1);
		assertThat(ShmDescriptor.clientId("client-x.cnc")).isEqualTo(-1);
		assertThat(ShmDescriptor.clientId("server.cnc")).isEqualTo(-1);
	}

	@Test
	void whenCapacityIsNotAPowerOfTwoInRangeThenRejectedNamingTheValue() {
		assertThat(ShmDescriptor.checkCapacity("ring-size", 65536)).isEqualTo(65536);
		assertThatIllegalArgumentException().isThrownBy(() -> ShmDescriptor.checkCapacity("ring-size", 5000))
			.withMessage("ring-size must be a power of two from 4096 to 1073741824: 5000");
		assertThatIllegalArgumentException().isThrownBy(() -> ShmDescriptor.checkCapacity("ring-size", 2048));
		assertThatIllegalArgumentException().isThrownBy(() -> ShmDescriptor.checkCapacity("ring-size", 1L << 31));
	}

}
