package io.storefront.command.user;

import io.storefront.api.user.VerificationChannel;
import io.storefront.command.CommandSideTest;
import io.storefront.command.notification.DemoOutbox;
import io.storefront.command.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@CommandSideTest
class UserApiTest {

    @Autowired
    RestTestClient http;

    @Autowired
    DemoOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredEvents stored;

    @Test
    void a_registered_user_gets_an_id_and_a_location_and_an_event_in_the_store() {
        String email = uniqueEmail();
        var created = http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Siti Rahma", "email", email, "phone", "+6281234567890"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().value("Location", location -> assertThat(location).matches(".*/api/users/[0-9a-f-]{36}"))
                .expectBody(Map.class).returnResult().getResponseBody();

        String userId = (String) created.get("id");
        assertThat(jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(userId).query(String.class).list())
                .containsExactly("io.storefront.api.user.UserRegistered");
    }

    @Test
    void malformed_registration_is_a_400_problem_naming_every_bad_field_and_writes_nothing() {
        long eventsBefore = stored.count();
        http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "", "email", "not-an-email", "phone", "0812"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:storefront:problem:invalid-input")
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactly("email", "name", "phone"))
                .jsonPath("$.trace").doesNotExist();
        assertThat(stored.count()).isEqualTo(eventsBefore);
    }

    @Test
    void a_body_that_is_not_json_is_a_400_problem() {
        http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:malformed-request");
    }

    @Test
    void an_email_registered_already_answers_like_a_new_registration_whatever_its_case() {
        String email = uniqueEmail();
        String userId = idOf(register(email));
        String other = idOf(register(email.toUpperCase()));
        assertThat(other).isNotEqualTo(userId);
        assertThat(stored.types(other)).isEmpty();
        assertThat(jdbc.sql("SELECT user_id FROM user_email WHERE email = ?").param(email).query(String.class).single())
                .isEqualTo(userId);
    }

    @Test
    void a_registration_without_a_name_is_a_400_problem_naming_it_and_registers_nobody() {
        String email = uniqueEmail();
        http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "email", email))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").isEqualTo(List.of("name"));
        assertThat(jdbc.sql("SELECT count(*) FROM user_email WHERE email = ?").param(email).query(Long.class).single())
                .isZero();
    }

    @Test
    void of_twenty_concurrent_registrations_of_one_email_exactly_one_registers_and_all_answer_alike() throws Exception {
        String email = uniqueEmail();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(() -> register(email).returnResult().getStatus().value());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).containsOnly(201);
        assertThat(jdbc.sql("SELECT count(*) FROM user_email WHERE email = ?").param(email).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM credential WHERE email = ?").param(email).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void updating_an_unknown_user_is_a_404_problem() {
        http.put().uri("/api/users/{id}/profile", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Nobody"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:not-found");
    }

    @Test
    void an_email_is_verified_with_the_code_that_was_sent_and_a_wrong_code_is_a_422() {
        String email = uniqueEmail();
        String userId = idOf(register(email));

        http.post().uri("/api/users/{id}/verifications", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL"))
                .exchange().expectStatus().isAccepted();
        String code = outbox.messages(email).getFirst().text().replaceAll("\\D", "");
        String wrong = code.equals("000000") ? "111111" : "000000";

        confirm(userId, wrong).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.detail").isEqualTo("The code is not right");
        confirm(userId, code).expectStatus().isNoContent();
        assertThat(jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(userId).query(String.class).list())
                .containsExactly("io.storefront.api.user.UserRegistered", "io.storefront.api.user.VerificationRequested",
                        "io.storefront.api.user.VerificationCodeRejected", "io.storefront.api.user.ContactVerified");
    }

    @Test
    void a_code_is_resent_at_most_once_a_minute() {
        String email = uniqueEmail();
        String userId = idOf(register(email));
        requestEmailCode(userId).expectStatus().isAccepted();
        requestEmailCode(userId).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists("Retry-After");
        assertThat(outbox.messages(email)).hasSize(1);
    }

    @Test
    void a_phone_number_gets_one_code_a_minute_whichever_account_asks() {
        String phone = "+62812" + (10_000_000 + new Random().nextInt(89_999_999));
        String first = idOf(register(uniqueEmail(), phone));
        String second = idOf(register(uniqueEmail(), phone));
        requestCode(first, VerificationChannel.PHONE).expectStatus().isAccepted();
        requestCode(second, VerificationChannel.PHONE).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(outbox.messages(phone)).hasSize(1);
    }

    @Test
    void no_code_or_hash_of_it_is_stored_in_an_event() {
        String email = uniqueEmail();
        String userId = idOf(register(email));
        requestEmailCode(userId).expectStatus().isAccepted();
        String code = outbox.messages(email).getFirst().text().replaceAll("\\D", "");
        String hash = jdbc.sql("SELECT code_hash FROM user_verification_code WHERE user_id = ?").param(userId)
                .query(String.class).single();

        List<String> events = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(userId).query(String.class).list();
        assertThat(String.join("\n", events)).doesNotContain(code).doesNotContain(hash);
        assertThat(hash).doesNotContain(code);
    }

    @Test
    void a_customer_sets_their_notification_preferences_and_the_change_is_stored() {
        String userId = idOf(register(uniqueEmail()));
        changePreferences(userId, Map.of("language", "id", "optedOut", List.of("SMS", "PUSH")))
                .expectStatus().isNoContent();
        assertThat(stored.types(userId)).containsExactly("UserRegistered", "NotificationPreferencesChanged");
        assertThat(stored.payloads(userId).getLast()).contains("\"language\":\"id\"").contains("SMS").contains("PUSH");
    }

    @Test
    void a_language_other_than_english_or_indonesian_is_a_400_problem_naming_the_field() {
        String userId = idOf(register(uniqueEmail()));
        changePreferences(userId, Map.of("language", "fr", "optedOut", List.of()))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:storefront:problem:invalid-input")
                .jsonPath("$.errors[*].field").isEqualTo(List.of("language"));
        assertThat(stored.types(userId)).containsExactly("UserRegistered");
    }

    @Test
    void an_unknown_channel_is_a_400_malformed_request() {
        String userId = idOf(register(uniqueEmail()));
        changePreferences(userId, Map.of("language", "en", "optedOut", List.of("CARRIER_PIGEON")))
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:storefront:problem:malformed-request");
        assertThat(stored.types(userId)).containsExactly("UserRegistered");
    }

    private RestTestClient.ResponseSpec changePreferences(String userId, Map<String, Object> preferences) {
        return http.put().uri("/api/users/{id}/notification-preferences", userId).contentType(MediaType.APPLICATION_JSON)
                .body(preferences)
                .exchange();
    }

    private RestTestClient.ResponseSpec register(String email) {
        return http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Budi Santoso", "email", email))
                .exchange();
    }

    private RestTestClient.ResponseSpec register(String email, String phone) {
        return http.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("password", "correct horse battery", "name", "Budi Santoso", "email", email, "phone", phone))
                .exchange();
    }

    private RestTestClient.ResponseSpec requestEmailCode(String userId) {
        return requestCode(userId, VerificationChannel.EMAIL);
    }

    private RestTestClient.ResponseSpec requestCode(String userId, VerificationChannel channel) {
        return http.post().uri("/api/users/{id}/verifications", userId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", channel))
                .exchange();
    }

    private RestTestClient.ResponseSpec confirm(String userId, String code) {
        return http.post().uri("/api/users/{id}/verifications/confirmation", userId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("channel", "EMAIL", "code", code))
                .exchange();
    }

    private static String idOf(RestTestClient.ResponseSpec created) {
        return (String) created.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private static String uniqueEmail() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }
}
