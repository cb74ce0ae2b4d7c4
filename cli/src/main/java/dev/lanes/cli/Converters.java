package dev.lanes.cli;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Initializer;
import dev.lanes.nn.Loss;
import java.util.Locale;
import picocli.CommandLine;

/** Option converters: a bad value is a usage error whose message lists the valid ones. */
final class Converters {

    private Converters() {
    }

    /** The activations a hidden layer takes, as {@code --activation} lists them. */
    static final String HIDDEN_ACTIVATIONS = "identity, relu, leaky_relu, leaky_relu(SLOPE), sigmoid, tanh, softplus,"
            + " gelu, silu";

    /** A hidden layer's activation: an elementwise one (softmax belongs to the output, chosen by --loss). */
    static final class HiddenActivationConverter implements CommandLine.ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            Activation a;
            try {
                a = Activation.parse(value);
            } catch (IllegalArgumentException e) {
                if (value.trim().toLowerCase(Locale.ROOT).startsWith("leaky_relu(")) {
                    throw new CommandLine.TypeConversionException("activation \"" + value + "\": " + e.getMessage());
                }
                throw new CommandLine.TypeConversionException("unknown activation \"" + value
                        + "\"; hidden layers take " + HIDDEN_ACTIVATIONS);
            }
            if (!a.isElementwise()) {
                throw new CommandLine.TypeConversionException("\"" + value + "\" is an output activation (the"
                        + " output layer is softmax or sigmoid, by --loss); hidden layers take " + HIDDEN_ACTIVATIONS);
            }
            return a;
        }
    }

    static final class LossConverter implements CommandLine.ITypeConverter<Loss> {
        @Override
        public Loss convert(String value) {
            try {
                return Loss.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class InitializerConverter implements CommandLine.ITypeConverter<Initializer> {
        @Override
        public Initializer convert(String value) {
            try {
                return Initializer.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
