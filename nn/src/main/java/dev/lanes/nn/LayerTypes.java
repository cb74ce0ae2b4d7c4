package dev.lanes.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of layer types: how a {@link LayerSpec} (from a model file or from {@code --layers}) becomes a
 * {@link LayerFactory}. Adding a layer type is one line here.
 */
public final class LayerTypes {

    /**
     * A registered type.
     *
     * @param name       the type, e.g. {@code dense}
     * @param positional the options that {@code --layers} takes by position, e.g. {@code units, activation}
     * @param factory    the factory for a spec of this type
     */
    public record Type(String name, List<String> positional, Function<LayerSpec, LayerFactory> factory) {
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        register("dense", List.of("units", "activation"), Dense::fromSpec);
        register("conv", List.of("filters", "kernel", "activation"), Conv2D::fromSpec);
        register("maxpool", List.of("size"), MaxPool2D::fromSpec);
        register("avgpool", List.of("size"), AvgPool2D::fromSpec);
        register("globalavgpool", List.of(), GlobalAvgPool::fromSpec);
        register("batchnorm", List.of(), BatchNorm::fromSpec);
        register("dropout", List.of("rate"), Dropout::fromSpec);
        register("flatten", List.of(), Flatten::fromSpec);
        register("rnn", List.of("units", "activation"), SimpleRnn::fromSpec);
        register("lstm", List.of("units"), Lstm::fromSpec);
        register("gru", List.of("units"), Gru::fromSpec);
    }

    private LayerTypes() {
    }

    private static void register(String name, List<String> positional, Function<LayerSpec, LayerFactory> factory) {
        TYPES.put(name, new Type(name, positional, factory));
    }

    /** {@return the registered types, in registration order} */
    public static List<Type> types() {
        return Collections.unmodifiableList(new ArrayList<>(TYPES.values()));
    }

    /**
     * {@return the factory for {@code spec}}
     *
     * @param spec the layer's type and options
     * @throws IllegalArgumentException for an unknown type (listing the known ones) or a bad option
     */
    public static LayerFactory factory(LayerSpec spec) {
        Type type = TYPES.get(spec.type());
        if (type == null) {
            throw new IllegalArgumentException("unknown layer type '" + spec.type() + "': expected one of "
                    + String.join(", ", TYPES.keySet()));
        }
        return type.factory().apply(spec);
    }

    /**
     * Parses one layer of {@code --layers}: {@code kind:arg:arg…} where the args fill the type's positional
     * options in order and {@code key=value} args set any option, e.g. {@code dense:256:relu} or
     * {@code conv:16:5:relu:stride=2}.
     *
     * @param text one layer, e.g. {@code conv:16:5:relu:stride=2}
     * @return the spec
     * @throws IllegalArgumentException naming the layer text and what was expected
     */
    public static LayerSpec parse(String text) {
        String[] parts = text.trim().split(":", -1);
        Type type = TYPES.get(parts[0]);
        if (type == null) {
            throw new IllegalArgumentException("'" + text + "': unknown layer type '" + parts[0] + "', expected one of "
                    + String.join(", ", TYPES.keySet()));
        }
        Map<String, String> options = new LinkedHashMap<>();
        int position = 0;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            if (eq > 0) {
                options.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            } else if (position < type.positional().size() && !part.isEmpty()) {
                options.put(type.positional().get(position++), part);
            } else {
                throw new IllegalArgumentException("'" + text + "': unexpected '" + part + "': " + usage(type));
            }
        }
        LayerSpec spec = new LayerSpec(type.name(), options);
        try {
            type.factory().apply(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage() + " (" + usage(type) + ")", e);
        }
        return spec;
    }

    /**
     * Parses a whole {@code --layers} list: layers separated by commas, each as {@link #parse}, e.g.
     * {@code conv:16:5:relu,maxpool:2,dense:10}.
     *
     * @param text the list, e.g. {@code conv:16:5:relu,maxpool:2,dense:10}
     * @return the specs, input side first
     * @throws IllegalArgumentException naming the offending layer by position and text
     */
    public static List<LayerSpec> parseAll(String text) {
        List<LayerSpec> specs = new ArrayList<>();
        String[] layers = text.split(",", -1);
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].isBlank()) {
                throw new IllegalArgumentException("layer " + (i + 1) + " is empty in '" + text + "'");
            }
            try {
                specs.add(parse(layers[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (i + 1) + " " + e.getMessage(), e);
            }
        }
        return specs;
    }

    private static String usage(Type type) {
        StringBuilder s = new StringBuilder("expected ").append(type.name());
        for (String p : type.positional()) {
            s.append(":").append(p.toUpperCase(java.util.Locale.ROOT));
        }
        return s.append("[:key=value…]").toString();
    }
}
