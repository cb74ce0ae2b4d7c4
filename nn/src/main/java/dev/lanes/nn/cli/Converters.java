package dev.lanes.nn.cli;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Initializer;
import dev.lanes.nn.Loss;
import picocli.CommandLine;

/** Option converters: a bad value is a usage error whose message lists the valid ones. */
final class Converters {

    private Converters() {
    }

    static final class ActivationConverter implements CommandLine.ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
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
