package dev.ledger.mode;

import dev.ledger.contract.Mode;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@link TransferStrategy} bean with the mode it implements, so that a new mode is one annotated class. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface ForMode {

    Mode value();

    /** The qualifier as a value, to select the strategy of a configured mode. */
    final class Literal extends AnnotationLiteral<ForMode> implements ForMode {

        private final Mode mode;

        public Literal(Mode mode) {
            this.mode = mode;
        }

        @Override
        public Mode value() {
            return mode;
        }
    }
}
