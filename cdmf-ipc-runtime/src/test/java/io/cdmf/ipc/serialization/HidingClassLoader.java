package io.cdmf.ipc.serialization;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A class loader that defines the CDMF IPC classes itself (so that they resolve their dependencies through it) and
 * pretends that the classes under some package prefixes do not exist, to test behaviour when an optional library is
 * missing.
 */
final class HidingClassLoader extends ClassLoader {

	private static final String OWN_PREFIX = "io.cdmf.ipc.";

	static {
		registerAsParallelCapable();
	}

	private final List<String> hiddenPrefixes;

	HidingClassLoader(ClassLoader parent, String... hiddenPrefixes) {
		super("hiding", parent);
		this.hiddenPrefixes = List.of(hiddenPrefixes);
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		for (String prefix : this.hiddenPrefixes) {
			if (name.startsWith(prefix)) {
				throw new ClassNotFoundException(name + " is hidden by this test");
			}
		}
		if (!name.startsWith(OWN_PREFIX)) {
			return super.loadClass(name, resolve);
		}
		synchronized (getClassLoadingLock(name)) {
			Class<?> type = findLoadedClass(name);
			if (type == null) {
				type = defineOwn(name);
			}
			if (resolve) {
				resolveClass(type);
			}
			return type;
		}
	}

	private Class<?> defineOwn(String name) throws ClassNotFoundException {
		try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
			if (in == null) {
				throw new ClassNotFoundException(name);
			}
			byte[] bytes = in.readAllBytes();
			return defineClass(name, bytes, 0, bytes.length);
		}
		catch (IOException ex) {
			throw new ClassNotFoundException(name, ex);
		}
	}

}
