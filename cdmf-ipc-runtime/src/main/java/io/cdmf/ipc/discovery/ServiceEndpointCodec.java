package io.cdmf.ipc.discovery;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ServiceEndpoint} as text and reads it back, for registries that store entries as bytes (the
 * embedded registry's files, ZooKeeper's nodes). The text is a {@link Properties} file in UTF-8, so people and
 * non-Java tools can read it:
 *
 * <pre>
 * format=1
 * instance-id=Quotes-host1-3f2a9c1d
 * service=Quotes
 * version=1.2.0
 * healthy=true
 * endpoint.0=shm\://quotes
 * endpoint.1=unix\:///run/user/1000/quotes.sock
 * endpoint.2=grpc\://10.0.0.5\:7443
 * host.boot-id=1c5a...
 * host.machine-id=9f02...
 * host.name=host1
 * metadata.pid=4711
 * </pre>
 *
 * Keys it does not know are ignored, so that later versions may add some; a missing required key is an error.
 *
 * @since 0.1.0
 */
public final class ServiceEndpointCodec {

	/** The format version written; readers accept this one. */
	public static final int FORMAT = 1;

	/** Largest entry read, in bytes; larger ones are refused. */
	public static final int MAX_ENTRY_BYTES = 64 * 1024;

	private ServiceEndpointCodec() {
	}

	/**
	 * Writes an instance.
	 * @param instance the instance
	 * @return the entry, UTF-8
	 */
	public static byte[] encode(ServiceEndpoint instance) {
		// Sorted keys make the text stable, so an unchanged entry is byte-for-byte the same.
		Map<String, String> entries = new TreeMap<>();
		entries.put("format", Integer.toString(FORMAT));
		entries.put("instance-id", instance.instanceId());
		entries.put("service", instance.serviceName());
		entries.put("version", instance.version());
		entries.put("healthy", Boolean.toString(instance.healthy()));
		List<String> endpoints = instance.endpoints();
		for (int i = 0; i < endpoints.size(); i++) {
			entries.put("endpoint." + i, endpoints.get(i));
		}
		entries.put("host.boot-id", instance.host().bootId());
		entries.put("host.machine-id", instance.host().machineId());
		entries.put("host.name", instance.host().hostName());
		instance.metadata().forEach((key, value) -> entries.put("metadata." + key, value));
		StringBuilder text = new StringBuilder();
		Properties escaper = new Properties();
		for (Map.Entry<String, String> entry : entries.entrySet()) {
			escaper.clear();
			escaper.setProperty(entry.getKey(), entry.getValue());
			text.append(escapeLine(escaper));
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Reads an instance.
	 * @param entry the entry, UTF-8
	 * @param source where it came from, for the error message
	 * @return the instance
	 * @throws IllegalArgumentException naming the source and the problem when the entry is too large, of another
	 * format, misses a required key or holds an invalid value
	 */
	public static ServiceEndpoint decode(byte[] entry, String source) {
		if (entry.length > MAX_ENTRY_BYTES) {
			throw new IllegalArgumentException("registry entry " + source + " is " + entry.length
					+ " bytes, more than the " + MAX_ENTRY_BYTES + " allowed");
		}
		Properties properties = new Properties();
		try {
			properties.load(new StringReader(new String(entry, StandardCharsets.UTF_8)));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("registry entry " + source + " is not a properties text: " + ex, ex);
		}
		String format = required(properties, "format", source);
		if (!format.equals(Integer.toString(FORMAT))) {
			throw new IllegalArgumentException("registry entry " + source + " has format " + format + "; this version "
					+ "reads format " + FORMAT);
		}
		List<String> endpoints = new ArrayList<>();
		for (int i = 0; properties.getProperty("endpoint." + i) != null; i++) {
			endpoints.add(properties.getProperty("endpoint." + i));
		}
		Map<String, String> metadata = new TreeMap<>();
		for (String key : properties.stringPropertyNames()) {
			if (key.startsWith("metadata.")) {
				metadata.put(key.substring("metadata.".length()), properties.getProperty(key));
			}
		}
		HostIdentity host = new HostIdentity(required(properties, "host.boot-id", source),
				required(properties, "host.machine-id", source), required(properties, "host.name", source));
		try {
			return new ServiceEndpoint(required(properties, "instance-id", source),
					required(properties, "service", source), properties.getProperty("version", ""), endpoints, host,
					metadata, !"false".equals(properties.getProperty("healthy")));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("registry entry " + source + " is not a valid instance: "
					+ ex.getMessage(), ex);
		}
	}

	private static String required(Properties properties, String key, String source) {
		@Nullable String value = properties.getProperty(key);
		if (value == null) {
			throw new IllegalArgumentException("registry entry " + source + " has no '" + key + "'");
		}
		return value;
	}

	private static String escapeLine(Properties single) {
		StringWriter writer = new StringWriter();
		try {
			single.store(writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// store() writes a date comment first; keep the key=value line alone.
		StringBuilder line = new StringBuilder();
		for (String part : writer.toString().split("\\R")) {
			if (!part.startsWith("#") && !part.isEmpty()) {
				line.append(part).append('\n');
			}
		}
		return line.toString();
	}

}
