package io.cdmf.ipc.transport;

import io.cdmf.ipc.message.ErrorInfo;
import org.jspecify.annotations.Nullable;

/**
 * A failure a transport reports to its {@link Transport.ErrorCallback}: a rejected frame, a lost connection, an
 * I/O error.
 *
 * @param error what failed, with a typed code
 * @param connection the connection it concerns, or {@code null} for the transport as a whole
 * @param connectionClosed whether the connection was closed because of it
 * @param cause the underlying exception, or {@code null}
 * @since 0.1.0
 */
public record TransportError(ErrorInfo error, @Nullable Connection connection, boolean connectionClosed,
		@Nullable Throwable cause) {

}
