package io.cdmf.ipc.spring.server;

import io.cdmf.ipc.IpcException;
import org.jspecify.annotations.Nullable;

/**
 * Turns an exception an {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} method threw (or its future
 * failed with) into the {@link IpcException} its caller gets, so that a known failure is answered with its own code
 * rather than {@code INTERNAL}: Spring Security's refusals as {@code PERMISSION_DENIED}, for example. Beans of this
 * type are asked in order; the first answer wins.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IpcHandlerExceptionTranslator {

	/**
	 * Translates a failure.
	 * @param failure what the method threw
	 * @param service the service
	 * @param method the Java name of the method
	 * @return the exception to answer with, or {@code null} to leave the failure as it is
	 */
	@Nullable IpcException translate(Throwable failure, IpcServiceDefinition service, String method);

}
