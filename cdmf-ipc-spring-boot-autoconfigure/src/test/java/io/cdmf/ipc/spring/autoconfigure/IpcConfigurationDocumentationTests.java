package io.cdmf.ipc.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that {@code docs/configuration-properties.md} agrees with the configuration metadata: every
 * {@code cdmf.ipc.*} property is listed, and the defaults the tables give are the metadata's.
 */
class IpcConfigurationDocumentationTests {

	private static final String CLIENT = "cdmf.ipc.client.";

	/**
	 * A table row: the property or key in backquotes, the default cell, the description cell.
	 */
	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]*) \\| (.*) \\|$",
			Pattern.MULTILINE);

	private static final Pattern QUOTED = Pattern.compile("`([^`]*)`");

	@Test
	void everyPropertyIsListed() throws IOException {
		String doc = document();
		Map<String, String> rows = rows(doc);
		IpcConfigurationMetadataTests.ipcProperties().keySet().forEach(name -> {
			if (isClientDefault(name)) {
				assertThat(rows).as("row `%s` in the client table", name.substring(CLIENT.length()))
					.containsKey(name.substring(CLIENT.length()));
				assertThat(descriptions(doc).get(name.substring(CLIENT.length()))).as("description of %s", name)
					.isNotBlank();
			}
			else if (rows.containsKey(name)) {
				assertThat(descriptions(doc).get(name)).as("description of %s", name).isNotBlank();
			}
			else {
				assertThat(doc).as(name).contains("`" + name);
			}
		});
	}

	@Test
	void listedDefaultsAreTheMetadatas() throws IOException {
		Map<String, String> rows = rows(document());
		Map<String, String> compared = new LinkedHashMap<>();
		IpcConfigurationMetadataTests.ipcProperties().forEach((name, property) -> {
			String key = isClientDefault(name) ? name.substring(CLIENT.length()) : name;
			String cell = rows.get(key);
			if (cell == null || !property.has("defaultValue")) {
				return;
			}
			Matcher quoted = QUOTED.matcher(cell);
			assertThat(quoted.find()).as("default of %s in `%s`", name, cell).isTrue();
			JsonNode value = property.get("defaultValue");
			if (value.isNumber()) {
				assertThat(Double.parseDouble(quoted.group(1))).as(name).isEqualTo(value.asDouble());
			}
			else {
				assertThat(quoted.group(1)).as(name).isEqualToIgnoringCase(value.asString());
			}
			compared.put(name, cell);
		});
		assertThat(compared).containsKeys("cdmf.ipc.enabled", "cdmf.ipc.client.timeout",
				"cdmf.ipc.client.retry.multiplier", "cdmf.ipc.discovery.type");
	}

	/**
	 * The metadata has the per-service maps but not their keys, so each key of a server's service is checked here.
	 */
	@Test
	void everyPerServiceKeyIsListed() throws IOException {
		String doc = document();
		for (String key : new String[] { "endpoints", "serialization", "max-concurrent-requests", "request-timeout",
				"inline-handlers", "ssl.bundle" }) {
			assertThat(doc).contains("`cdmf.ipc.server.services.<name>." + key + "`");
		}
		for (String key : new String[] { "endpoint", "endpoints" }) {
			assertThat(doc).contains("`cdmf.ipc.client.services.<name>." + key + "`");
		}
		assertThat(doc).contains("`cdmf.ipc.client.services.<name>.<key>`");
	}

	private static boolean isClientDefault(String name) {
		return name.startsWith(CLIENT) && !name.startsWith(CLIENT + "services");
	}

	private static Map<String, String> rows(String doc) {
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher row = ROW.matcher(doc);
		while (row.find()) {
			rows.putIfAbsent(row.group(1), row.group(2).trim());
		}
		return rows;
	}

	private static Map<String, String> descriptions(String doc) {
		Map<String, String> descriptions = new LinkedHashMap<>();
		Matcher row = ROW.matcher(doc);
		while (row.find()) {
			descriptions.putIfAbsent(row.group(1), row.group(3).trim());
		}
		return descriptions;
	}

	private static String document() throws IOException {
		return Files.readString(Path.of("..", "docs", "configuration-properties.md"));
	}

}
