package io.leadhandoff.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * An instant or date the databases can store and compare (years 1970 to 9999): JSON happily carries
 * "+99999-01-01T00:00:00Z", which MySQL's DATETIME cannot hold.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StorableTime.Validator.class)
public @interface StorableTime {

    int MIN_YEAR = 1970;
    int MAX_YEAR = 9999;

    String message() default "must be between the years 1970 and 9999";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<StorableTime, Object> {
        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            return value == null || storable(value);
        }

        public static boolean storable(Object value) {
            int year;
            if (value instanceof Instant i) {
                year = i.atOffset(ZoneOffset.UTC).getYear();
            } else if (value instanceof LocalDate d) {
                year = d.getYear();
            } else {
                return true;
            }
            return year >= MIN_YEAR && year <= MAX_YEAR;
        }
    }
}
