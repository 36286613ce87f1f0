package io.cdmf.ipc.spring;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import org.jspecify.annotations.Nullable;

/**
 * A setting under {@code cdmf.ipc.*} (or the annotation attribute it overrides) that keeps the application from
 * starting: it names the property, the value and what to do, so that the failure analyzer can tell the user.
 *
 * @since 0.1.0
 */
public class IpcConfigurationException extends IpcException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the property to fix, such as {@code cdmf.ipc.client.services.Calc.endpoint}
	 * @param value the value in force, or {@code null} if none was set
	 * @param description what is wrong
	 * @param action how to fix it
	 * @param cause the underlying failure, or {@code null}
	 */
	public IpcConfigurationException(String property, @Nullable String value, String description, String action,
			@Nullable Throwable cause) {
		super(ErrorCode.INVALID_ARGUMENT, description, cause);
		this.property = property;
		this.value = value;
		this.action = action;
	}

	/**
	 * Returns the property to fix.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns the value in force.
	 * @return the value, or {@code null} if none was set
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Returns how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
