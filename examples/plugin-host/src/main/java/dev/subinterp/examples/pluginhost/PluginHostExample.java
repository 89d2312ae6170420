package dev.subinterp.examples.pluginhost;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.plugin.PluginHost;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Java application with two plugins: {@code invoice} (Python) and {@code badge} (JavaScript). It
 * offers one host function, {@code exchange_rate}, and shows a call, a host function, a policy
 * refusal, a refused host function and a time limit. Run it with {@code make plugin-demo}.
 */
public final class PluginHostExample {
    private static final Map<String, Double> RATES = Map.of("EUR", 1.0, "USD", 1.08, "GBP", 0.85);

    private PluginHostExample() {
    }

    /** One invoice line; it crosses as {"price": ..., "quantity": ...}. */
    record Line(double price, int quantity) {
    }

    /** What invoice.total returns, read back as a Java record. */
    record Total(@JsonProperty("net_eur") double netEur, double gross, String currency) {
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "examples/plugin-host/plugins");
        try (PluginHost host = PluginHost.builder()
                .hostFunction("exchange_rate", currency -> {
                    Double rate = RATES.get(currency.asText());
                    if (rate == null) throw new IllegalArgumentException("no rate for " + currency);
                    return DoubleNode.valueOf(rate);
                })
                .build()) {
            PluginHost.LoadReport report = host.loadAll(plugins);
            System.out.println("loaded: " + report.loaded() + (report.failures().isEmpty() ? "" : ", failed: " + report.failures()));

            Total invoice = host.call(Total.class, "invoice", "total", List.of(new Line(19.5, 2), new Line(5, 3)), "USD");
            System.out.println("1. invoice.total (Python, calls the host's exchange_rate): " + invoice);

            System.out.println("2. badge.render (JavaScript):\n" + host.call(String.class, "badge", "render", "Ada"));

            try {
                host.call("invoice", "peek_at_host");
            } catch (ExecutionFailed e) {
                System.out.println("3. invoice.peek_at_host was refused by the strict policy: " + e.excInfo().formatted());
            }

            try {
                host.call("badge", "sneaky");
            } catch (ExecutionFailed e) {
                System.out.println("4. badge.sneaky may not call exchange_rate (not in its manifest): " + e.excInfo().formatted());
            }

            try {
                host.call("invoice", "runaway");
            } catch (TimeLimitExceeded e) {
                System.out.println("5. invoice.runaway was stopped: " + e.getMessage());
            }
            System.out.println("   and the next call works: " + host.call("invoice", "total", List.of(new Line(10, 1)), "GBP"));

            var metrics = host.metrics("invoice");
            System.out.printf("6. invoice metrics: %d calls, failures %s, p50 %.1f ms, p99 %.1f ms%n", metrics.calls(),
                    metrics.failures(), metrics.p50().toNanos() / 1e6, metrics.p99().toNanos() / 1e6);
        }
    }
}
