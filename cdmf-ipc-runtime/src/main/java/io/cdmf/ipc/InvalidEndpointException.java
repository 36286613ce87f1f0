package io.cdmf.ipc;

/**
 * An endpoint URI that cannot be used: malformed, of an unknown scheme, or naming a path that is too long.
 *
 * @since 0.1.0
 */
public class InvalidEndpointException extends IpcException {

	private static final long serialVersionUID = 1L;

	private final String endpoint;

	/**
	 * Creates an exception.
	 * @param endpoint the endpoint as given
	 * @param message what is wrong and how to fix it
	 */
	public InvalidEndpointException(String endpoint, String message) {
		super(ErrorCode.INVALID_ARGUMENT, "Invalid endpoint '" + endpoint + "': " + message);
		this.endpoint = endpoint;
	}

	/**
	 * Returns the endpoint as given.
	 * @return the endpoint
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

}
