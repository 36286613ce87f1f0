import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Fetches a URL and prints its JSON body indented, so the demo needs nothing but a JDK (no curl, no jq). Run as a
 * single source file: {@code java scripts/JsonGet.java http://localhost:8080/actuator/ipc}.
 */
public class JsonGet {

	public static void main(String[] args) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			System.err.println("GET " + args[0] + " answered " + response.statusCode() + ": " + response.body());
			System.exit(1);
		}
		System.out.println(indent(response.body()));
	}

	static String indent(String json) {
		StringBuilder out = new StringBuilder();
		int depth = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				out.append(c);
				if (c == '\\') {
					out.append(json.charAt(++i));
				}
				else if (c == '"') {
					inString = false;
				}
				continue;
			}
			switch (c) {
				case '"' -> {
					inString = true;
					out.append(c);
				}
				case '{', '[' -> {
					int next = i + 1;
					while (next < json.length() && Character.isWhitespace(json.charAt(next))) {
						next++;
					}
					if (next < json.length() && (json.charAt(next) == '}' || json.charAt(next) == ']')) {
						out.append(c).append(json.charAt(next));
						i = next;
					}
					else {
						out.append(c).append('\n').append("  ".repeat(++depth));
					}
				}
				case '}', ']' -> {
					out.append('\n').append("  ".repeat(--depth)).append(c);
				}
				case ',' -> out.append(",\n").append("  ".repeat(depth));
				case ':' -> out.append(": ");
				default -> {
					if (!Character.isWhitespace(c)) {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

}
