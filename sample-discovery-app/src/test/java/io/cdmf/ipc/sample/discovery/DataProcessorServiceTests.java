package io.cdmf.ipc.sample.discovery;

import java.util.List;

import io.cdmf.ipc.binding.Idempotent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The service side of the contract, in process.
 */
class DataProcessorServiceTests {

	@Test
	void shouldSummarizeABatchNamingTheInstance() {
		DataProcessor.Summary summary = new DataProcessorService("dp-a", false)
			.process(new DataProcessor.Batch("test", 7, List.of(-1.0, -3.0, -2.0)));

		assertThat(summary).isEqualTo(new DataProcessor.Summary("dp-a", 7, 3, -2.0, -1.0));
	}

	@Test
	void shouldSummarizeAnEmptyBatchAsZeros() {
		assertThat(new DataProcessorService("dp-a", false).process(new DataProcessor.Batch("test", 1, List.of())))
			.isEqualTo(new DataProcessor.Summary("dp-a", 1, 0, 0, 0));
	}

	@Test
	void whenFailingThenEveryCallThrows() {
		DataProcessorService failing = new DataProcessorService("dp-c", true);
		assertThatIllegalStateException()
			.isThrownBy(() -> failing.process(new DataProcessor.Batch("test", 1, List.of())))
			.withMessageContaining("dp-c");
	}

	@Test
	void shouldDeclareProcessIdempotentSoThatFailedCallsMayGoToAnotherInstance() throws NoSuchMethodException {
		assertThat(DataProcessor.class.getMethod("process", DataProcessor.Batch.class).isAnnotationPresent(
				Idempotent.class)).isTrue();
	}

}
