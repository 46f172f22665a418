package io.leadhandoff.lead;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A custom attribute value: a string (at most 500 characters), a number or a boolean; never a structure. */
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ScalarAttribute.Validator.class)
public @interface ScalarAttribute {

    String message() default "must be a string of at most 500 characters, a number or a boolean";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int MAX_LENGTH = 500;

    class Validator implements ConstraintValidator<ScalarAttribute, Object> {
        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value == null || value instanceof Number || value instanceof Boolean) {
                return true;
            }
            return value instanceof String s && s.length() <= MAX_LENGTH;
        }
    }
}
