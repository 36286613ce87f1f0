package io.cdmf.ipc.transport.unix;

import java.nio.file.Files;
import java.nio.file.Path;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.testsupport.TestEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnixSocketFilesTests {

	private final TestEndpoints endpoints = new TestEndpoints();

	@AfterEach
	void cleanUp() {
		this.endpoints.close();
	}

	@Test
	void shouldHoldThePathUntilClosedAndRemoveItsFiles() throws Exception {
		Path socket = this.endpoints.path("held");
		UnixSocketFiles claim = UnixSocketFiles.claim(socket, path -> false);
		Path lock = socket.resolveSibling(socket.getFileName() + ".lock");
		assertThat(lock).exists();
		assertThatThrownBy(() -> UnixSocketFiles.claim(socket, path -> false)).isInstanceOfSatisfying(
				IpcException.class, ex -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.UNAVAILABLE));
		Files.createFile(socket);
		claim.close();
		assertThat(socket).doesNotExist();
		assertThat(lock).doesNotExist();
		UnixSocketFiles.claim(socket, path -> false).close();
	}

	@Test
	void whenARegularFileIsInTheWayThenRefusesToDeleteIt() throws Exception {
		Path socket = this.endpoints.path("file");
		Files.writeString(socket, "precious");
		assertThatThrownBy(() -> UnixSocketFiles.claim(socket, path -> false)).isInstanceOf(IpcException.class)
			.hasMessageContaining("not a socket");
		assertThat(Files.readString(socket)).isEqualTo("precious");
	}

	@Test
	void shouldCreateAMissingDirectory() {
		Path socket = this.endpoints.directory().resolve("sub/dir/x.sock");
		UnixSocketFiles.claim(socket, path -> false).close();
		assertThat(socket.getParent()).isDirectory();
	}

}
