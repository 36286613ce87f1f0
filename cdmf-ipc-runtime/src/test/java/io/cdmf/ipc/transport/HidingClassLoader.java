package io.cdmf.ipc.transport;

import java.util.List;

/**
 * A class loader for tests that hides the classes whose names start with given prefixes and delegates everything
 * else to the test's own class loader, so an optional library can be made absent without a second class path.
 */
public final class HidingClassLoader extends ClassLoader {

	private final List<String> hiddenPrefixes;

	/**
	 * Creates a loader that hides classes.
	 * @param hiddenPrefixes class-name prefixes to hide, such as {@code "io.grpc."}
	 */
	public HidingClassLoader(String... hiddenPrefixes) {
		super(HidingClassLoader.class.getClassLoader());
		this.hiddenPrefixes = List.of(hiddenPrefixes);
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		for (String prefix : this.hiddenPrefixes) {
			if (name.startsWith(prefix)) {
				throw new ClassNotFoundException(name + " is hidden by this test's class loader");
			}
		}
		return super.loadClass(name, resolve);
	}

}
