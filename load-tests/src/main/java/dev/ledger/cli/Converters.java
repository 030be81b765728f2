package dev.ledger.cli;

import dev.ledger.contract.Mode;
import dev.ledger.load.LoadRun;
import dev.ledger.load.Scenario;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The command line's own values: modes, scenarios, load models; each error names the valid values. */
final class Converters {

    private Converters() {
    }

    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.fromValue(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ScenarioConverter implements ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            try {
                return Scenario.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown scenario '" + value + "' (expected "
                        + Arrays.stream(Scenario.values()).map(Scenario::value).collect(Collectors.joining("|")) + ")");
            }
        }
    }

    static final class ModelConverter implements ITypeConverter<LoadRun.Model> {
        @Override
        public LoadRun.Model convert(String value) {
            try {
                return LoadRun.Model.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown model '" + value + "' (expected closed|open)");
            }
        }
    }

    /** The modes' values, for help texts: {@code ${COMPLETION-CANDIDATES}}. */
    static final class ModeValues implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Mode.values()).map(Mode::value).iterator();
        }
    }
}
