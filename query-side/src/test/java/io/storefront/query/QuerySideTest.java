package io.storefront.query;

import io.storefront.command.EmbeddedRedisInitializer;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query side as it runs, beside a running command side, on one real PostgreSQL and Redis, over HTTP,
 * read by an administrator.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = QuerySideApplication.CONFIG_NAME)
@ContextConfiguration(initializers = {CommandSideRunning.class, EmbeddedRedisInitializer.class})
@AutoConfigureRestTestClient
@Import(QuerySideTest.ActingAsAdmin.class)
public @interface QuerySideTest {

    /** The test's client reads as an administrator unless a test sends its own Authorization header. */
    @TestConfiguration
    class ActingAsAdmin {

        @Bean
        RestTestClientBuilderCustomizer actingAsAdmin() {
            return builder -> builder.requestInterceptor(
                    io.storefront.command.ActingAsAdmin.bearerUnlessSet(CommandSideRunning::adminToken));
        }
    }
}
