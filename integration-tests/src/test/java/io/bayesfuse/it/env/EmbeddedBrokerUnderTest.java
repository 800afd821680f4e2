package io.bayesfuse.it.env;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integration test whose subject is the application's own embedded broker (the one
 * {@code demo} and {@code stack} start): it starts that broker itself and needs no test environment,
 * so it runs the same whichever {@value TestEnvironments#PROPERTY} is chosen. Every other integration
 * test runs against {@link TestEnvironments#current()} ({@code IntegrationTestsHonourTheEnvironmentTest}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EmbeddedBrokerUnderTest {

    /** Why the test is about the embedded broker. */
    String value();
}
