package io.cdmf.ipc.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveFinishedSpan;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;

/**
 * A real tracer for tests, wired as Spring Boot wires Brave: Micrometer Tracing's Brave bridge with W3C trace
 * context propagation and the three tracing observation handlers, its finished spans collected in memory.
 */
final class TestTracing implements AutoCloseable {

	private final List<FinishedSpan> spans = new CopyOnWriteArrayList<>();

	private final Tracing tracing;

	private final Tracer tracer;

	private final ObservationRegistry registry = ObservationRegistry.create();

	TestTracing(String localServiceName) {
		this(localServiceName, span -> {
		});
	}

	TestTracing(String localServiceName, Consumer<FinishedSpan> onEnd) {
		ThreadLocalCurrentTraceContext current = ThreadLocalCurrentTraceContext.newBuilder().build();
		BraveBaggageManager baggage = new BraveBaggageManager();
		this.tracing = Tracing.newBuilder()
			.localServiceName(localServiceName)
			.currentTraceContext(current)
			.supportsJoin(false)
			.traceId128Bit(true)
			.sampler(Sampler.ALWAYS_SAMPLE)
			.propagationFactory(new W3CPropagation(baggage, List.of()))
			.addSpanHandler(new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					FinishedSpan finished = BraveFinishedSpan.fromBrave(span);
					TestTracing.this.spans.add(finished);
					onEnd.accept(finished);
					return true;
				}

			})
			.build();
		this.tracer = new BraveTracer(this.tracing.tracer(), new BraveCurrentTraceContext(current), baggage);
		BravePropagator propagator = new BravePropagator(this.tracing);
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)));
	}

	ObservationRegistry registry() {
		return this.registry;
	}

	Tracer tracer() {
		return this.tracer;
	}

	List<FinishedSpan> spans() {
		return this.spans;
	}

	/**
	 * Returns a finished span as one line: {@code SPAN <kind> <name> <traceId> <spanId> <parentId or ->}.
	 */
	static String line(FinishedSpan span) {
		return "SPAN " + span.getKind() + " " + span.getName() + " " + span.getTraceId() + " " + span.getSpanId() + " "
				+ ((span.getParentId() != null) ? span.getParentId() : "-");
	}

	@Override
	public void close() {
		this.tracing.close();
	}

}
