package io.cdmf.ipc.spring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Annotation for a test of {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} and
 * {@link io.cdmf.ipc.spring.annotation.IpcClient @IpcClient} pairs that focuses only on them: component scanning
 * keeps {@code @IpcService} beans, the {@code @IpcClient} interfaces of the application's packages become beans,
 * and only CDMF IPC (and Jackson) is auto-configured. Every service and client talks over {@code inproc://}, under
 * names unique to the test context: no sockets, and tests running in parallel never meet.
 *
 * <pre>{@code
 * @IpcTest
 * class CalculatorTests {
 *     @Autowired CalculatorClient calculator;
 *     @Test void adds() { assertThat(calculator.add(2, 3)).isEqualTo(5); }
 * }
 * }</pre>
 *
 * @since 0.1.0
 * @see AutoConfigureIpc
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(IpcTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(IpcTypeExcludeFilter.class)
@AutoConfigureIpc
@ImportAutoConfiguration
public @interface IpcTest {

	/**
	 * Returns properties in form {@literal key=value} to add to the environment before the test runs.
	 * @return the properties
	 */
	String[] properties() default {};

	/**
	 * Returns whether the default filters are used with {@code @SpringBootApplication}; by default only
	 * {@code @IpcService} beans are included.
	 * @return whether default filters are used
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Returns include filters that add otherwise filtered beans.
	 * @return the filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Returns exclude filters that remove beans otherwise included.
	 * @return the filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Returns auto-configurations to leave out.
	 * @return the auto-configuration classes
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
