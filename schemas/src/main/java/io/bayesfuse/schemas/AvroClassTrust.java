package io.bayesfuse.schemas;

import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load classes named by a schema unless they are trusted (a defence against
 * schemas that name arbitrary classes). Generated specific records, enums and fixed types are
 * what specific reading exists for, so they are trusted, in addition to whatever Avro's default
 * and the {@code org.apache.avro.SERIALIZABLE_*} system properties trust. Nothing else is.
 */
public final class AvroClassTrust {

    private static volatile boolean installed;

    private AvroClassTrust() {
    }

    /** Installs the rule once per JVM; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, AvroClassTrust::isGenerated));
        installed = true;
    }

    /** True for classes Avro generates from schemas. */
    static boolean isGenerated(Class<?> c) {
        return SpecificRecord.class.isAssignableFrom(c)
                || (c.isEnum() && GenericEnumSymbol.class.isAssignableFrom(c))
                || GenericFixed.class.isAssignableFrom(c) && c.getAnnotation(org.apache.avro.specific.FixedSize.class) != null;
    }
}
