package io.cdmf.ipc.discovery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostIdentityTests {

	@Test
	void localIdentityIsKnownAndItsOwnHost() {
		HostIdentity local = HostIdentity.local();
		assertThat(local.isKnown()).isTrue();
		assertThat(local.isSameHost(local)).isTrue();
		assertThat(local.isSameHost(new HostIdentity(local.bootId(), local.machineId(), "other-name"))).isTrue();
	}

	@Test
	void anotherBootOrMachineIsAnotherHost() {
		HostIdentity local = HostIdentity.local();
		assertThat(local.isSameHost(new HostIdentity("other-boot", local.machineId(), local.hostName()))).isFalse();
		assertThat(local.isSameHost(new HostIdentity(local.bootId(), "other-machine", local.hostName()))).isFalse();
	}

	@Test
	void unknownIsNoHost() {
		assertThat(HostIdentity.unknown().isKnown()).isFalse();
		assertThat(HostIdentity.unknown().isSameHost(HostIdentity.unknown())).isFalse();
		assertThat(HostIdentity.local().isSameHost(HostIdentity.unknown())).isFalse();
	}

}
