package io.storefront.command;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The command side as it runs, on a real PostgreSQL and Redis, reached over HTTP by an administrator. Every test class with this
 * annotation shares one application context and one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {CommandSideApplication.CONFIG_NAME,
        "storefront.auth.bcrypt-strength=4", "storefront.carrier.webhook-secret=" + CommandSideTest.CARRIER_SECRET})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, EmbeddedRedisInitializer.class,
        LocalSecretsInitializer.class})
@AutoConfigureRestTestClient
@Import({StoredEvents.class, ActingAsAdmin.class})
public @interface CommandSideTest {

    /** The secret the carrier signs its webhooks with, in these tests. */
    String CARRIER_SECRET = "carrier-secret-for-tests";
}
