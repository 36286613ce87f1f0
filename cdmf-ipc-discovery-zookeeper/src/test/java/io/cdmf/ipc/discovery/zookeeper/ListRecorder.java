package io.cdmf.ipc.discovery.zookeeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.cdmf.ipc.discovery.DiscoveryListener;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.testsupport.Await;

/**
 * A listener that keeps every list it is told, to check what a watcher saw over a whole test.
 */
final class ListRecorder implements DiscoveryListener {

	private final List<List<ServiceEndpoint>> lists = new CopyOnWriteArrayList<>();

	@Override
	public void onInstances(List<ServiceEndpoint> instances) {
		this.lists.add(instances);
	}

	List<List<ServiceEndpoint>> lists() {
		return List.copyOf(this.lists);
	}

	int count() {
		return this.lists.size();
	}

	List<ServiceEndpoint> last() {
		return this.lists.isEmpty() ? List.of() : this.lists.get(this.lists.size() - 1);
	}

	List<String> lastIds() {
		return ids(last());
	}

	/**
	 * Waits until the last list told has exactly these instance ids, in this order.
	 * @param timeout how long it may take
	 * @param instanceIds the ids
	 * @return how long it took
	 */
	Duration awaitIds(Duration timeout, String... instanceIds) {
		List<String> expected = List.of(instanceIds);
		return Await.until(() -> "instances " + expected + "; told " + idLists(), timeout,
				() -> lastIds().equals(expected));
	}

	/**
	 * Waits until the last list told satisfies a condition.
	 * @param what the condition, for the message
	 * @param timeout how long it may take
	 * @param condition the condition
	 */
	void awaitLast(String what, Duration timeout, Predicate<List<ServiceEndpoint>> condition) {
		Await.until(() -> what + "; told " + idLists(), timeout, () -> condition.test(last()));
	}

	List<List<String>> idLists() {
		return this.lists.stream().map(ListRecorder::ids).toList();
	}

	static List<String> ids(List<ServiceEndpoint> instances) {
		return instances.stream().map(ServiceEndpoint::instanceId).toList();
	}

}
