package io.cdmf.ipc.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every file {@code docs/spring-boot.md} shows (a code block after {@code <!-- file: path -->}) is the
 * sample's file, line for line.
 */
class GettingStartedDocTests {

	private static final Pattern FILE_BLOCK = Pattern.compile("<!-- file: (\\S+) -->\\n```\\w*\\n(.*?)\\n```",
			Pattern.DOTALL);

	@Test
	void everyFileInTheGuideMatchesTheSample() throws IOException {
		Path root = Path.of("..").toAbsolutePath().normalize();
		String guide = Files.readString(root.resolve("docs/spring-boot.md"));
		Matcher matcher = FILE_BLOCK.matcher(guide);
		int files = 0;
		while (matcher.find()) {
			Path file = root.resolve(matcher.group(1));
			List<String> expected = Files.readAllLines(file);
			assertThat(matcher.group(2).lines().toList()).as(file.toString()).isEqualTo(expected);
			files++;
		}
		assertThat(files).isGreaterThanOrEqualTo(10);
	}

}
