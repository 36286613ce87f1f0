package io.cdmf.ipc.spring.autoconfigure;

import io.cdmf.ipc.spring.IpcConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup failure caused by a {@code cdmf.ipc.*} setting: a bad endpoint URI, an endpoint whose transport
 * cannot run here (the runtime's reason, naming the artifact or JVM flag), a format whose library is missing, a socket
 * directory that cannot be used, an endpoint another server holds, or a client without endpoint. The description
 * names the property and its value; the action says how to fix it (for a missing transport library, the
 * {@code <dependency>} elements to add, with the versions this build uses).
 *
 * @since 0.1.0
 */
class IpcConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<IpcConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IpcConfigurationException cause) {
		StringBuilder description = new StringBuilder(String.valueOf(cause.getMessage())).append(".\n\n")
			.append("    Property: ")
			.append(cause.getProperty())
			.append('\n')
			.append("    Value: ")
			.append((cause.getValue() != null) ? cause.getValue() : "(not set)");
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
