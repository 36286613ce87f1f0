package io.cdmf.ipc.binding;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.google.protobuf.StringValue;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.serialization.SerializerRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceContractTests {

	private final SerializerRegistry registry = SerializerRegistry.ofDefaults();

	interface Good {

		long add(int a, int b);

		@IpcMethod("times")
		CompletableFuture<Long> multiply(int a, int b);

		CompletionStage<List<String>> names();

		@OneWay
		void log(String line);

		void reset();

		default long twice(int a) {
			return add(a, a);
		}

	}

	@Test
	void shouldReadMethodsKindsAndNames() {
		ServiceContract contract = ServiceContract.of(Good.class, this.registry.get(SerializationFormat.JSON));
		assertThat(contract.methods()).extracting(ContractMethod::remoteName)
			.containsExactlyInAnyOrder("add", "times", "names", "log", "reset");
		assertThat(contract.method("times").kind()).isEqualTo(ContractMethod.Kind.ASYNC);
		assertThat(contract.method("times").resultType()).isEqualTo(Long.class);
		assertThat(contract.method("names").resultType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
		assertThat(contract.method("log").kind()).isEqualTo(ContractMethod.Kind.ONE_WAY);
		assertThat(contract.method("reset").isVoid()).isTrue();
		assertThat(contract.method("twice")).as("default methods are local").isNull();
	}

	interface Overloaded {

		long add(int a, int b);

		long add(long a, long b);

	}

	@Test
	void whenOverloadsShareARemoteNameThenFailsNamingThem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceContract.of(Overloaded.class, this.registry.get(SerializationFormat.JSON)))
			.withMessageContaining("Overloaded.add(")
			.withMessageContaining("both call remote method 'add'")
			.withMessageContaining("@IpcMethod");
	}

	interface TwoProtobufParameters {

		StringValue join(StringValue a, StringValue b);

	}

	@Test
	void whenASingleValueFormatGetsSeveralParametersThenFailsNamingTheMethod() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceContract.of(TwoProtobufParameters.class,
					this.registry.get(SerializationFormat.PROTOBUF)))
			.withMessageContaining("TwoProtobufParameters.join(StringValue, StringValue) takes 2 parameters")
			.withMessageContaining("PROTOBUF");
	}

	interface WrongProtobufType {

		StringValue upper(String text);

	}

	@Test
	void whenAParameterTypeCannotBeCarriedThenFailsNamingTheMethod() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ServiceContract.of(WrongProtobufType.class, this.registry.get(SerializationFormat.PROTOBUF)))
			.withMessageContaining("WrongProtobufType.upper(String)")
			.withMessageContaining("java.lang.String");
	}

	interface BadOneWay {

		@OneWay
		int fire();

	}

	@Test
	void whenAOneWayMethodReturnsAValueThenFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceContract.of(BadOneWay.class, this.registry.get(SerializationFormat.JSON)))
			.withMessageContaining("must return void");
	}

	@Test
	void whenTheTypeIsNotAnInterfaceThenFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceContract.of(String.class, this.registry.get(SerializationFormat.JSON)))
			.withMessageContaining("not an interface");
	}

}
