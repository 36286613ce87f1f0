package io.cdmf.ipc.spring.test.autoconfigure;

import java.util.Set;

import io.cdmf.ipc.spring.annotation.IpcService;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * The component filter of {@link IpcTest @IpcTest}: keeps {@link IpcService @IpcService} beans.
 *
 * @since 0.1.0
 */
public final class IpcTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<IpcTest> {

	IpcTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return Set.of(IpcService.class);
	}

}
