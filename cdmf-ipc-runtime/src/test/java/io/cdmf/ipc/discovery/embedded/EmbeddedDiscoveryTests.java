package io.cdmf.ipc.discovery.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cdmf.ipc.discovery.HostIdentity;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.discovery.ServiceEndpointCodec;
import io.cdmf.ipc.discovery.VersionRange;
import io.cdmf.ipc.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedDiscoveryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	private final List<EmbeddedDiscovery> registries = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.registries.forEach(EmbeddedDiscovery::close);
	}

	@Test
	void registeredInstanceIsFoundByNameAndVersion() {
		EmbeddedDiscovery discovery = registry();
		discovery.register(instance("Quotes", "1.2.0", "unix:///tmp/q1.sock"));
		discovery.register(instance("Quotes", "2.0.0", "unix:///tmp/q2.sock"));
		discovery.register(instance("Orders", "1.2.0", "unix:///tmp/o1.sock"));
		assertThat(discovery.find("Quotes", "1.2")).extracting(ServiceEndpoint::version).containsExactly("1.2.0");
		assertThat(discovery.find("Quotes", "")).hasSize(2);
		assertThat(discovery.find("Quotes", "[2.0,3.0)")).extracting(ServiceEndpoint::version)
			.containsExactly("2.0.0");
		assertThat(discovery.find("Quotes", "3")).isEmpty();
		assertThat(discovery.find("Nothing", "")).isEmpty();
	}

	@Test
	void anotherRegistryObjectOnTheSameDirectorySeesIt() {
		EmbeddedDiscovery writer = registry();
		EmbeddedDiscovery reader = registry();
		ServiceEndpoint instance = instance("Quotes", "1.0.0", "unix:///tmp/q.sock");
		ServiceDiscovery.Registration registration = writer.register(instance);
		assertThat(reader.find("Quotes", VersionRange.ANY)).containsExactly(instance);
		registration.close();
		assertThat(reader.find("Quotes", VersionRange.ANY)).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void watcherIsToldAtOnceAndOnEveryChange() {
		EmbeddedDiscovery discovery = registry();
		List<List<ServiceEndpoint>> updates = new CopyOnWriteArrayList<>();
		ServiceDiscovery.Watch watch = discovery.watch("Quotes", VersionRange.parse("1.0"), updates::add);
		assertThat(updates).containsExactly(List.of());
		ServiceDiscovery.Registration first = registry().register(instance("Quotes", "1.0.1", "unix:///tmp/a.sock"));
		Await.until("the first instance", WAIT, () -> last(updates).size() == 1);
		registry().register(instance("Quotes", "1.1.0", "unix:///tmp/b.sock"));
		ServiceEndpoint updated = first.getInstance().withHealthy(false);
		first.update(updated);
		Await.until("the update", WAIT, () -> last(updates).equals(List.of(updated)));
		first.close();
		Await.until("the removal", WAIT, () -> last(updates).isEmpty());
		watch.close();
		registry().register(instance("Quotes", "1.0.2", "unix:///tmp/c.sock"));
		int seen = updates.size();
		assertThat(discovery.find("Quotes", "1.0")).hasSize(1);
		assertThat(updates).hasSize(seen);
	}

	@Test
	void corruptEntryIsSkippedAndOthersStillListed() throws IOException {
		EmbeddedDiscovery discovery = registry();
		ServiceEndpoint good = instance("Quotes", "1.0.0", "unix:///tmp/good.sock");
		discovery.register(good);
		Files.writeString(this.directory.resolve("bad" + RegistryDirectory.ENTRY_SUFFIX), "not=an\nentry");
		Files.write(this.directory.resolve("huge" + RegistryDirectory.ENTRY_SUFFIX),
				new byte[ServiceEndpointCodec.MAX_ENTRY_BYTES + 10]);
		Files.write(this.directory.resolve("binary" + RegistryDirectory.ENTRY_SUFFIX), new byte[] { 0, -1, 7, 92 });
		assertThat(registry().find("Quotes", "")).containsExactly(good);
	}

	@Test
	void entryWhoseLockIsFreeIsRemoved() throws IOException {
		ServiceEndpoint orphan = instance("Quotes", "1.0.0", "unix:///tmp/orphan.sock");
		String name = RegistryDirectory.fileName(orphan.instanceId());
		Files.write(this.directory.resolve(name + RegistryDirectory.ENTRY_SUFFIX), ServiceEndpointCodec.encode(orphan));
		Files.createFile(this.directory.resolve(name + RegistryDirectory.LOCK_SUFFIX));
		assertThat(registry().find("Quotes", "")).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void temporaryFileOfAWriterThatDiedIsRemovedOnceOld() throws IOException {
		Path abandoned = Files.writeString(this.directory.resolve(".Quotes-x" + RegistryDirectory.TEMPORARY_INFIX + "1f"), "half");
		Path fresh = Files.writeString(this.directory.resolve(".Quotes-y" + RegistryDirectory.TEMPORARY_INFIX + "2e"), "half");
		Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(
				System.currentTimeMillis() - RegistryDirectory.TEMPORARY_MAX_AGE_MILLIS - 1_000));
		assertThat(registry().find("Quotes", "")).isEmpty();
		assertThat(abandoned).doesNotExist();
		assertThat(fresh).exists();
	}

	@Test
	void failingListenerIsToldOncePerChange() {
		EmbeddedDiscovery discovery = EmbeddedDiscovery.builder()
			.directory(this.directory)
			.pollInterval(Duration.ofMillis(5))
			.build();
		this.registries.add(discovery);
		List<Integer> sizes = new CopyOnWriteArrayList<>();
		discovery.watch("Quotes", VersionRange.ANY, instances -> {
			sizes.add(instances.size());
			throw new IllegalStateException("listener fails on purpose");
		});
		registry().register(instance("Quotes", "1.0.0", "unix:///tmp/a.sock"));
		Await.until("the change", WAIT, () -> sizes.contains(1));
		ServiceDiscovery.Registration second = registry().register(instance("Quotes", "1.0.0", "unix:///tmp/b.sock"));
		Await.until("the next change", WAIT, () -> sizes.contains(2));
		second.close();
		Await.until("the removal", WAIT, () -> sizes.size() == 4);
		assertThat(sizes).containsExactly(0, 1, 2, 1);
	}

	@Test
	void entryFromAnEarlierBootIsRemoved() throws IOException {
		HostIdentity local = HostIdentity.local();
		ServiceEndpoint stale = ServiceEndpoint.builder("Quotes")
			.endpoint("unix:///tmp/stale.sock")
			.host(new HostIdentity("an-earlier-boot", local.machineId(), local.hostName()))
			.build();
		Files.write(this.directory.resolve("stale" + RegistryDirectory.ENTRY_SUFFIX), ServiceEndpointCodec.encode(stale));
		assertThat(registry().find("Quotes", "")).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void sameInstanceIdTwiceIsRefused() {
		EmbeddedDiscovery discovery = registry();
		ServiceEndpoint instance = instance("Quotes", "1.0.0", "unix:///tmp/q.sock");
		discovery.register(instance);
		assertThatIllegalArgumentException().isThrownBy(() -> discovery.register(instance));
		assertThatIllegalArgumentException().isThrownBy(() -> registry().register(instance))
			.withMessageContaining("registered already");
	}

	@Test
	void instanceIdsWithAnyCharactersGetSafeFileNames() {
		EmbeddedDiscovery discovery = registry();
		ServiceEndpoint instance = ServiceEndpoint.builder("Quotes")
			.instanceId("../../etc/passwd \u00fc")
			.endpoint("unix:///tmp/q.sock")
			.build();
		discovery.register(instance);
		assertThat(registry().find("Quotes", "")).containsExactly(instance);
		try (var files = Files.list(this.directory)) {
			assertThat(files).allMatch(file -> file.getParent().equals(this.directory));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void closingTheRegistryRemovesItsInstances() {
		EmbeddedDiscovery discovery = registry();
		discovery.register(instance("Quotes", "1.0.0", "unix:///tmp/q.sock"));
		discovery.close();
		assertThat(registry().find("Quotes", "")).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> discovery.find("Quotes", ""));
		assertThat(discovery.health().up()).isFalse();
	}

	@Test
	void healthNamesTheDirectory() {
		assertThat(registry().health().up()).isTrue();
		assertThat(registry().health().detail()).contains(this.directory.toString());
	}

	private EmbeddedDiscovery registry() {
		EmbeddedDiscovery discovery = EmbeddedDiscovery.builder().directory(this.directory).build();
		this.registries.add(discovery);
		return discovery;
	}

	static ServiceEndpoint instance(String service, String version, String endpoint) {
		return ServiceEndpoint.builder(service).version(version).endpoint(endpoint).build();
	}

	static <T> List<T> last(List<List<T>> updates) {
		return updates.isEmpty() ? List.of() : updates.get(updates.size() - 1);
	}

}
