package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.spring.IpcConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpcConfigurationFailureAnalyzer}.
 */
class IpcConfigurationFailureAnalyzerTests {

	@Test
	void shouldNamePropertyValueAndAction() {
		IpcConfigurationException cause = new IpcConfigurationException("cdmf.ipc.client.services.Calc.endpoint",
				"unix:tmp", "Invalid endpoint 'unix:tmp'", "Set it to unix:///tmp/calc.sock.", null);
		FailureAnalysis analysis = new IpcConfigurationFailureAnalyzer()
			.analyze(new BeanCreationException("calculatorClient", "failed", cause));
		assertThat(analysis.getDescription()).contains("Invalid endpoint 'unix:tmp'")
			.contains("Property: cdmf.ipc.client.services.Calc.endpoint")
			.contains("Value: unix:tmp");
		assertThat(analysis.getAction()).isEqualTo("Set it to unix:///tmp/calc.sock.");
	}

	@Test
	void shouldSayWhenNoValueWasSet() {
		IpcConfigurationException cause = new IpcConfigurationException("cdmf.ipc.client.services.Calc.endpoint", null,
				"No endpoint", "Set one.", null);
		assertThat(new IpcConfigurationFailureAnalyzer().analyze(cause).getDescription()).contains("(not set)");
	}

}
