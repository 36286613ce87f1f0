package io.cdmf.ipc.channel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import io.cdmf.ipc.channel.internal.PickFirstLoadBalancer;
import io.cdmf.ipc.channel.internal.PowerOfTwoChoicesLoadBalancer;
import io.cdmf.ipc.channel.internal.RoundRobinLoadBalancer;

/**
 * Picks the endpoint of each call among the available endpoints of a channel. The channel has already chosen the
 * locality tier and left out endpoints that are not {@link SubchannelState#READY}; the balancer only chooses among
 * what it is given. One balancer serves one channel, from many threads at once.
 * <p>
 * Built in: {@link #powerOfTwoChoices()} (the default), {@link #roundRobin()} and {@link #pickFirst()}, each
 * honouring endpoint weights where that has a meaning.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LoadBalancer {

	/** Name of {@link #powerOfTwoChoices()}. */
	String POWER_OF_TWO_CHOICES = "p2c";

	/** Name of {@link #roundRobin()}. */
	String ROUND_ROBIN = "round-robin";

	/** Name of {@link #pickFirst()}. */
	String PICK_FIRST = "pick-first";

	/**
	 * Picks one endpoint.
	 * @param candidates the available endpoints, in the channel's order, never empty
	 * @return one of the candidates
	 */
	Subchannel pick(List<? extends Subchannel> candidates);

	/**
	 * Returns a balancer that samples two endpoints at random (each as likely as its weight) and takes the one with
	 * fewer outstanding calls per unit of weight: calls flow away from a slow or busy endpoint without any shared
	 * state between callers. The default.
	 * @return a new balancer
	 */
	static LoadBalancer powerOfTwoChoices() {
		return new PowerOfTwoChoicesLoadBalancer();
	}

	/**
	 * Returns a balancer that takes the endpoints in turn, each as often as its weight.
	 * @return a new balancer
	 */
	static LoadBalancer roundRobin() {
		return new RoundRobinLoadBalancer();
	}

	/**
	 * Returns a balancer that sends every call to the first available endpoint in the channel's order, and moves on
	 * to the next only while that one is out: a primary with fail-overs.
	 * @return a new balancer
	 */
	static LoadBalancer pickFirst() {
		return new PickFirstLoadBalancer();
	}

	/**
	 * Returns the factory of a built-in balancer by name.
	 * @param name {@value #POWER_OF_TWO_CHOICES} (also {@code power-of-two-choices}), {@value #ROUND_ROBIN} or
	 * {@value #PICK_FIRST}, in any case, with {@code -} or {@code _}
	 * @return the factory
	 * @throws IllegalArgumentException naming the known balancers if there is none of that name
	 */
	static Factory named(String name) {
		Objects.requireNonNull(name, "name must not be null");
		String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		return switch (key) {
			case POWER_OF_TWO_CHOICES, "power-of-two-choices" -> Factory.of(POWER_OF_TWO_CHOICES,
					LoadBalancer::powerOfTwoChoices);
			case ROUND_ROBIN -> Factory.of(ROUND_ROBIN, LoadBalancer::roundRobin);
			case PICK_FIRST -> Factory.of(PICK_FIRST, LoadBalancer::pickFirst);
			default -> throw new IllegalArgumentException("load balancer must be " + POWER_OF_TWO_CHOICES + ", "
					+ ROUND_ROBIN + " or " + PICK_FIRST + ": '" + name + "'");
		};
	}

	/**
	 * Makes a balancer for each channel, and names its kind for statistics.
	 */
	interface Factory {

		/**
		 * Returns the name of the balancers this makes.
		 * @return the name
		 */
		String name();

		/**
		 * Makes a balancer for one channel.
		 * @return the balancer
		 */
		LoadBalancer create();

		/**
		 * Returns a factory from a name and a supplier.
		 * @param name the name
		 * @param supplier makes each balancer
		 * @return the factory
		 */
		static Factory of(String name, Supplier<? extends LoadBalancer> supplier) {
			Objects.requireNonNull(name, "name must not be null");
			Objects.requireNonNull(supplier, "supplier must not be null");
			return new Factory() {

				@Override
				public String name() {
					return name;
				}

				@Override
				public LoadBalancer create() {
					return supplier.get();
				}

				@Override
				public String toString() {
					return name;
				}

			};
		}

	}

}
