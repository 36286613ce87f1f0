package io.cdmf.ipc.discovery.zookeeper;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects what the registry logs while a test runs.
 */
final class LogCapture {

	private final Logger logger;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private LogCapture(Logger logger) {
		this.logger = logger;
	}

	static LogCapture start() {
		LogCapture capture = new LogCapture((Logger) LoggerFactory.getLogger(ZooKeeperDiscovery.class));
		capture.appender.start();
		capture.logger.addAppender(capture.appender);
		return capture;
	}

	/**
	 * Returns the warnings whose message contains a text.
	 * @param text the text
	 * @return the messages
	 */
	List<String> warnings(String text) {
		return this.appender.list.stream()
			.filter(event -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.filter(message -> message.contains(text))
			.toList();
	}

	void stop() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
