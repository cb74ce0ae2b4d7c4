package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A layer's type and configuration as text: what a model file stores for each layer, what
 * {@code lanes train --layers} parses, and what {@link LayerTypes} turns back into a layer. Options keep their
 * order; the typed getters fail with a message naming the layer type, the option and the expected form.
 *
 * @param type    the registered type, e.g. {@code dense}
 * @param options the configuration, e.g. {@code units=256, activation=relu}
 */
public record LayerSpec(String type, Map<String, String> options) {

    /** Copies the options, keeping their order. */
    public LayerSpec {
        Objects.requireNonNull(type, "type");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * {@return a spec from alternating keys and values, e.g. {@code of("dense", "units", "256", "activation",
     * "relu")}}
     *
     * @param type the layer type, e.g. {@code dense}
     * @param keysAndValues option names and their texts, alternating
     */
    public static LayerSpec of(String type, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new LayerSpec(type, options);
    }

    /**
     * {@return this spec with one option set (added at the end, or replaced in place)}
     *
     * @param key the option's name
     * @param value its text
     */
    public LayerSpec with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(options);
        copy.put(key, value);
        return new LayerSpec(type, copy);
    }

    /**
     * {@return the option's text, or null when absent}
     *
     * @param key the option's name
     */
    public String get(String key) {
        return options.get(key);
    }

    /**
     * {@return a required option}
     *
     * @param key the option's name
     */
    public String require(String key) {
        String v = options.get(key);
        if (v == null) {
            throw new IllegalArgumentException(type + ": missing option '" + key + "'");
        }
        return v;
    }

    /**
     * {@return an integer option in {@code [min, max]}, or {@code fallback} when absent}
     *
     * @param key the option's name
     * @param fallback the value when the option is absent
     * @param min the least value allowed
     * @param max the greatest value allowed
     */
    public int intOption(String key, int fallback, int min, int max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(type + ": " + key + " must be an integer in " + min + " to " + max
                + ", was '" + v + "'");
    }

    /**
     * {@return a required integer option in {@code [min, max]}}
     *
     * @param key the option's name
     * @param min the least value allowed
     * @param max the greatest value allowed
     */
    public int intOption(String key, int min, int max) {
        require(key);
        return intOption(key, 0, min, max);
    }

    /**
     * {@return a float option in {@code [min, max]}, or {@code fallback} when absent}
     *
     * @param key the option's name
     * @param fallback the value when the option is absent
     * @param min the least value allowed
     * @param max the greatest value allowed
     */
    public float floatOption(String key, float fallback, float min, float max) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            float x = Float.parseFloat(v.trim());
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(type + ": " + key + " must be a number in " + min + " to " + max
                + ", was '" + v + "'");
    }

    /**
     * {@return a boolean option ({@code true} or {@code false}), or {@code fallback} when absent}
     *
     * @param key the option's name
     * @param fallback the value when the option is absent
     */
    public boolean booleanOption(String key, boolean fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(type + ": " + key + " must be true or false, was '" + v
                    + "'");
        };
    }

    /**
     * {@return an activation option, e.g. {@code relu} or {@code leaky_relu(0.01)}, or {@code fallback} when
     * absent}
     *
     * @param key the option's name
     * @param fallback the value when the option is absent
     */
    public Activation activationOption(String key, Activation fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Activation.parse(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /** {@code type(key=value, …)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(type).append('(');
        String sep = "";
        for (Map.Entry<String, String> e : options.entrySet()) {
            s.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return s.append(')').toString();
    }
}
