package io.cdmf.ipc.message;

import java.util.Objects;

import io.cdmf.ipc.ErrorCode;

/**
 * Why a call or a frame failed, as it travels on the wire in an {@link MessageType#ERROR} message.
 *
 * @param code the typed reason
 * @param message what failed, for people
 * @param category the broad category, by default the code's {@link ErrorCode.Category}
 * @param context where it failed: the method, the field, the endpoint; may be empty
 * @since 0.1.0
 */
public record ErrorInfo(ErrorCode code, String message, String category, String context) {

	/**
	 * Creates an error info and checks its arguments.
	 * @param code the typed reason
	 * @param message what failed
	 * @param category the broad category
	 * @param context where it failed
	 */
	public ErrorInfo {
		Objects.requireNonNull(code, "code must not be null");
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(category, "category must not be null");
		Objects.requireNonNull(context, "context must not be null");
	}

	/**
	 * Creates an error info with the code's own category and no context.
	 * @param code the typed reason
	 * @param message what failed
	 * @return the error info
	 */
	public static ErrorInfo of(ErrorCode code, String message) {
		return new ErrorInfo(code, message, code.category().name(), "");
	}

	/**
	 * Creates an error info with the code's own category.
	 * @param code the typed reason
	 * @param message what failed
	 * @param context where it failed
	 * @return the error info
	 */
	public static ErrorInfo of(ErrorCode code, String message, String context) {
		return new ErrorInfo(code, message, code.category().name(), context);
	}

	@Override
	public String toString() {
		return this.code + ": " + this.message + (this.context.isEmpty() ? "" : " [" + this.context + "]");
	}

}
