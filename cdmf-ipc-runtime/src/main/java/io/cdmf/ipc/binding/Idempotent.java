package io.cdmf.ipc.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that running a contract method more than once for one call does no harm (a read, a lookup, an
 * overwrite with the same value), so that a channel's retry may send a call to another endpoint even after an
 * attempt that may have run. On an interface it applies to all its methods.
 * <p>
 * Without it a retry goes elsewhere only when no attempt can have run (never sent, or refused by the server before
 * running), and otherwise repeats only over the same connection, where the server answers it from its duplicate
 * record: see {@code docs/channels.md}, "When a request can run twice".
 *
 * <pre>{@code
 * interface Quotes {
 *     @Idempotent
 *     Quote quote(String symbol);
 *     void placeOrder(Order order);   // retried elsewhere only if it provably did not run
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Idempotent {

}
