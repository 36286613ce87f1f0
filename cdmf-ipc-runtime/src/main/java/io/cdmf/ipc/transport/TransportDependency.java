package io.cdmf.ipc.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Maven artifact an optional transport needs, with the version this build of the runtime was built and tested
 * with. The versions come from {@code cdmf-ipc-versions.properties}, a resource Maven filters from the build's
 * properties, so the coordinates named in error messages never go stale.
 *
 * @param groupId the group, such as {@code io.grpc}
 * @param artifactId the artifact, such as {@code cdmf-ipc-grpc}
 * @param version the version to add
 * @since 0.1.0
 */
public record TransportDependency(String groupId, String artifactId, String version) {

	private static final Logger logger = LoggerFactory.getLogger(TransportDependency.class);

	private static final String RESOURCE = "cdmf-ipc-versions.properties";

	/** The version named when the resource is missing (a repackaged jar), so messages still name the artifact. */
	private static final String UNKNOWN_VERSION = "<version>";

	private static final Properties VERSIONS = loadVersions();

	/**
	 * Creates a dependency whose version is the one this build uses.
	 * @param groupId the group
	 * @param artifactId the artifact
	 * @param versionKey the key in {@code cdmf-ipc-versions.properties}, such as {@code grpc.version}
	 * @return the dependency
	 * @throws IllegalArgumentException if the key is unknown
	 */
	public static TransportDependency of(String groupId, String artifactId, String versionKey) {
		return new TransportDependency(groupId, artifactId, buildVersion(versionKey));
	}

	/**
	 * Returns the cdmf-ipc module that serves a transport type when that type is not in the runtime itself:
	 * {@code io.cdmf:cdmf-ipc-grpc} for {@code grpc://} and {@code grpcs://}, {@code io.cdmf:cdmf-ipc-journal} for
	 * {@code shm+journal://}. Each module brings the libraries its transport needs, at the versions this build was
	 * tested with, so it is the one dependency to add.
	 * @param type the transport type
	 * @return the module, at the version of this runtime, or empty if the runtime serves the type itself
	 * @since 0.1.0
	 */
	public static Optional<TransportDependency> moduleOf(TransportType type) {
		return switch (type) {
			case GRPC, GRPC_TLS -> Optional.of(of("io.cdmf", "cdmf-ipc-grpc", "cdmf-ipc.version"));
			case SHARED_MEMORY_JOURNAL -> Optional.of(of("io.cdmf", "cdmf-ipc-journal", "cdmf-ipc.version"));
			default -> Optional.empty();
		};
	}

	/**
	 * Returns a version this build of the runtime uses.
	 * @param versionKey the key in {@code cdmf-ipc-versions.properties}, such as {@code protobuf.version}
	 * @return the version, or {@code <version>} if the resource is missing from a repackaged jar
	 * @throws IllegalArgumentException if the key is unknown
	 */
	public static String buildVersion(String versionKey) {
		if (VERSIONS.isEmpty()) {
			return UNKNOWN_VERSION;
		}
		String version = VERSIONS.getProperty(versionKey);
		if (version == null) {
			throw new IllegalArgumentException("versionKey is not in " + RESOURCE + ": " + versionKey);
		}
		return version;
	}

	/**
	 * Returns the Gradle-style coordinates.
	 * @return {@code groupId:artifactId:version}
	 */
	public String coordinates() {
		return this.groupId + ':' + this.artifactId + ':' + this.version;
	}

	/**
	 * Returns the {@code <dependency>} element to paste into a Maven POM.
	 * @return the XML snippet, on several lines
	 */
	public String toMavenXml() {
		return "<dependency>\n    <groupId>" + this.groupId + "</groupId>\n    <artifactId>" + this.artifactId
				+ "</artifactId>\n    <version>" + this.version + "</version>\n</dependency>";
	}

	@Override
	public String toString() {
		return coordinates();
	}

	private static Properties loadVersions() {
		Properties properties = new Properties();
		try (InputStream in = TransportDependency.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				// A repackaged (shaded) jar that dropped the resource: error messages still name the artifacts,
				// without versions, rather than every transport lookup failing over a message detail.
				logger.warn("{} is missing next to {}: messages about missing dependencies will not name versions",
						RESOURCE, TransportDependency.class.getName());
				return properties;
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
		return properties;
	}

}
