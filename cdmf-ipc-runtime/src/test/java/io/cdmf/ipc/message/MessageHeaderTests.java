package io.cdmf.ipc.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageHeaderTests {

	@Test
	void shouldKeepAnIdSetAsARecordAsItIs() {
		MessageId id = MessageId.next();
		MessageHeader header = new MessageHeader().setMessageId(id).setCorrelationId(id);

		assertThat(header.getMessageId()).isSameAs(id);
		assertThat(header.getCorrelationId()).isSameAs(id);
		assertThat(header.getMessageIdHigh()).isEqualTo(id.high());
		assertThat(header.getMessageIdLow()).isEqualTo(id.low());
	}

	@Test
	void shouldMakeARecordFromHalvesOnceWhenAsked() {
		MessageHeader header = new MessageHeader().setMessageId(7, 8).setCorrelationId(9, 10);

		MessageId id = header.getMessageId();

		assertThat(id).isEqualTo(new MessageId(7, 8)).isSameAs(header.getMessageId());
		assertThat(header.getCorrelationId()).isEqualTo(new MessageId(9, 10));
		assertThat(header.getCorrelationIdHigh()).isEqualTo(9);
		assertThat(header.getCorrelationIdLow()).isEqualTo(10);
	}

	@Test
	void whenHalvesAreZeroThenTheIdIsNone() {
		MessageHeader header = new MessageHeader().setMessageId(MessageId.next()).setMessageId(0, 0);

		assertThat(header.getMessageId()).isSameAs(MessageId.NONE);
		assertThat(header.getCorrelationId()).isSameAs(MessageId.NONE);
	}

	@Test
	void whenHalvesChangeThenAnEarlierRecordIsUnchanged() {
		MessageHeader header = new MessageHeader().setMessageId(1, 2);
		MessageId first = header.getMessageId();

		header.setMessageId(3, 4);

		assertThat(first).isEqualTo(new MessageId(1, 2));
		assertThat(header.getMessageId()).isEqualTo(new MessageId(3, 4));
	}

}
