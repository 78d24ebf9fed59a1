package io.storefront.policy;

import io.storefront.command.ActingAsAdmin;
import io.storefront.command.CommandSideApplication;
import io.storefront.command.EmbeddedPostgresInitializer;
import io.storefront.command.LocalSecretsInitializer;
import io.storefront.command.EmbeddedRedisInitializer;
import io.storefront.command.StoredEvents;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The command side with the checkout's policies beside it, as the embedded default runs them, on a
 * real PostgreSQL and Redis and reached over HTTP by an administrator. Orders wait four seconds for their payment.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {CommandSideApplication.class, Policies.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {CommandSideApplication.CONFIG_NAME, "storefront.order.payment-timeout=4s"})
@ContextConfiguration(initializers = {EmbeddedPostgresInitializer.class, EmbeddedRedisInitializer.class,
        LocalSecretsInitializer.class})
@AutoConfigureRestTestClient
@Import({StoredEvents.class, Shop.class, ActingAsAdmin.class})
@interface CheckoutTest {
}
