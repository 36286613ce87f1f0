package io.cdmf.ipc.channel;

import java.util.List;

import io.cdmf.ipc.InvalidEndpointException;
import io.cdmf.ipc.transport.TransportConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ChannelEndpointTests {

	private static final String A = "unix:///tmp/endpoint-a.sock";

	private static final String B = "unix:///tmp/endpoint-b.sock";

	@Test
	void shouldTakeWeightOneAndTheLocalityOfItsAddress() {
		ChannelEndpoint endpoint = ChannelEndpoint.of(A);

		assertThat(endpoint.uri()).isEqualTo(A);
		assertThat(endpoint.weight()).isEqualTo(ChannelEndpoint.DEFAULT_WEIGHT).isEqualTo(1);
		assertThat(endpoint.locality()).isEqualTo(Locality.SAME_HOST);
		assertThat(endpoint.endpoint()).isEqualTo(endpoint.transport().endpoint());
		assertThat(ChannelEndpoint.of("inproc://quotes").locality()).isEqualTo(Locality.SAME_PROCESS);
	}

	@ParameterizedTest
	@CsvSource({ "1, 1", "3, 3", "' 7 ', 7", "1000, 1000" })
	void shouldReadTheWeightOption(String option, int weight) {
		ChannelEndpoint endpoint = ChannelEndpoint.of(TransportConfig.custom(A).option("weight", option).build());

		assertThat(endpoint.weight()).isEqualTo(weight);
	}

	@Test
	void shouldReadTheWeightOptionOfAUri() {
		assertThat(ChannelEndpoint.of("tcp://127.0.0.1:7070?weight=3").weight()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "1001" })
	void shouldRejectAWeightOptionOutOfRange(String weight) {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelEndpoint.of(A + "?weight=" + weight))
			.withMessage("weight must be between 1 and 1000: " + weight);
	}

	@ParameterizedTest
	@ValueSource(strings = { "heavy", "1.5", "", "99999999999" })
	void shouldRejectAWeightOptionThatIsNotAWholeNumber(String weight) {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelEndpoint.of(A + "?weight=" + weight))
			.withMessage("weight must be a whole number between 1 and 1000: '" + weight + "'");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 1001, Integer.MAX_VALUE })
	void shouldRejectAWeightOutOfRange(int weight) {
		ChannelEndpoint endpoint = ChannelEndpoint.of(A);

		assertThatIllegalArgumentException().isThrownBy(() -> endpoint.withWeight(weight))
			.withMessage("weight must be between 1 and 1000: " + weight);
	}

	@ParameterizedTest
	@CsvSource({ "same-process, SAME_PROCESS", "SAME_HOST, SAME_HOST", "Other-Host, OTHER_HOST",
			"' other_host ', OTHER_HOST" })
	void shouldReadTheLocalityOption(String option, Locality locality) {
		ChannelEndpoint endpoint = ChannelEndpoint.of(TransportConfig.custom(A).option("locality", option).build());

		assertThat(endpoint.locality()).isEqualTo(locality);
	}

	@Test
	void shouldLetTheLocalityOptionOverrideTheAddress() {
		assertThat(ChannelEndpoint.of("tcp://127.0.0.1:7070?locality=other-host").locality())
			.isEqualTo(Locality.OTHER_HOST);
	}

	@Test
	void shouldRejectAnUnknownLocalityOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelEndpoint.of(A + "?locality=nearby"))
			.withMessage("locality must be same-process, same-host or other-host: 'nearby'");
	}

	@Test
	void shouldRejectAnInvalidUri() {
		assertThatExceptionOfType(InvalidEndpointException.class).isThrownBy(() -> ChannelEndpoint.of("quotes"));
	}

	@Test
	void shouldRejectMissingParts() {
		TransportConfig transport = TransportConfig.of(A);

		assertThatNullPointerException().isThrownBy(() -> new ChannelEndpoint(null, 1, Locality.SAME_HOST))
			.withMessage("transport must not be null");
		assertThatNullPointerException().isThrownBy(() -> new ChannelEndpoint(transport, 1, null))
			.withMessage("locality must not be null");
	}

	@Test
	void shouldChangeWeightAndLocalityKeepingTheUri() {
		ChannelEndpoint endpoint = ChannelEndpoint.of(A).withWeight(5).withLocality(Locality.OTHER_HOST);

		assertThat(endpoint.uri()).isEqualTo(A);
		assertThat(endpoint.weight()).isEqualTo(5);
		assertThat(endpoint.locality()).isEqualTo(Locality.OTHER_HOST);
		assertThat(endpoint).hasToString(A + " (weight 5) [OTHER_HOST]");
		assertThat(ChannelEndpoint.of(A)).hasToString(A + " [SAME_HOST]");
	}

	@Test
	void shouldParseAListInOrderIgnoringBlanks() {
		List<ChannelEndpoint> endpoints = ChannelEndpoint.parseList(" " + A + " ,, " + B + "?weight=2 ,");

		assertThat(endpoints).extracting(ChannelEndpoint::uri).containsExactly(A, B + "?weight=2");
		assertThat(endpoints).extracting(ChannelEndpoint::weight).containsExactly(1, 2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", ",", " , ," })
	void shouldRejectAListWithoutEndpoints(String list) {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelEndpoint.parseList(list))
			.withMessage("endpoint list must name at least one endpoint: '" + list + "'");
	}

	@Test
	void shouldRejectAListNamingAnEndpointTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChannelEndpoint.parseList(A + "," + B + ", " + A))
			.withMessage("endpoint " + A + " is listed twice");
	}

	@Test
	void shouldReturnAnUnmodifiableListOnceChecked() {
		List<ChannelEndpoint> checked = ChannelEndpoint.checkDistinct(List.of(ChannelEndpoint.of(A), ChannelEndpoint.of(B)));

		assertThat(checked).extracting(ChannelEndpoint::uri).containsExactly(A, B);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> checked.add(ChannelEndpoint.of(A)));
		assertThat(ChannelEndpoint.checkDistinct(List.of())).isEmpty();
	}

	@Test
	void shouldTellEndpointsApartByTheirUriAlone() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChannelEndpoint.checkDistinct(List.of(ChannelEndpoint.of(A), ChannelEndpoint.of(A).withWeight(2))))
			.withMessage("endpoint " + A + " is listed twice");
	}

}
