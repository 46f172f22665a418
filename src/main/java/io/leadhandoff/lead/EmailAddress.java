package io.leadhandoff.lead;

import io.leadhandoff.common.Identity;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A deliverable-looking address once normalised (surrounding spaces are forgiven, as forms produce
 * them): local part of RFC 5322 atom characters and dots, a domain of at least two labels that is a
 * valid IDNA name, and no part that mixes scripts ({@link Identity}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EmailAddress.Validator.class)
public @interface EmailAddress {

    String message() default "must be a well-formed email address such as name@company.com";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EmailAddress, String> {
        private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
        private static final Pattern DOMAIN = Pattern.compile(
                "([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}][\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}]");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String email = Normalizer.text(value);
            if (email == null || email.length() > 254) {
                return email == null;
            }
            int at = email.lastIndexOf('@');
            if (at <= 0 || at != email.indexOf('@') || at > 64) {
                return false;
            }
            if (!LOCAL.matcher(email.substring(0, at)).matches() || !DOMAIN.matcher(email.substring(at + 1)).matches()
                    || Identity.domain(email.substring(at + 1)) == null) {
                return false;
            }
            String mixed = Identity.mixedScriptPart(email);
            if (mixed != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("mixes scripts in one part of the address (Unicode TR 39, highly restrictive): "
                        + "letters of two scripts such as Latin and Cyrillic in one label look like another address").addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
