package io.storefront.launcher.abuse;

import io.storefront.launcher.InJvmBroker;
import io.storefront.launcher.StorefrontLauncher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import tools.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.storefront.launcher.abuse.Shopfront.admin;
import static io.storefront.launcher.abuse.Shopfront.customer;
import static io.storefront.launcher.abuse.Shopfront.get;
import static io.storefront.launcher.abuse.Shopfront.json;
import static io.storefront.launcher.abuse.Shopfront.login;
import static io.storefront.launcher.abuse.Shopfront.platform;
import static io.storefront.launcher.abuse.Shopfront.post;
import static io.storefront.launcher.abuse.Shopfront.problem;
import static io.storefront.launcher.abuse.Shopfront.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Abuse of accounts: turning the login throttle against an account's owner, guessing passwords,
 * pumping verification texts, and asking registration which emails have accounts. Other client
 * addresses are real ones: every 127.x.y.z address is this machine's loopback, and a client bound to
 * one of them reaches the gateway from it. The platform runs on the broker a machine without RabbitMQ
 * has, in the launcher's JVM ({@code --storefront.broker=in-jvm}): the codes and notices below go through it.
 */
@ExtendWith(Shopfront.StopsThePlatform.class)
class AccountAbuseTest {

    private static final String PASSWORD = "correct horse battery";

    @BeforeAll
    static void onTheInJvmBroker() {
        Shopfront.startWith("--storefront.broker=" + InJvmBroker.IN_JVM);
    }

    @Test
    void a_new_customer_s_verification_email_comes_through_the_in_jvm_broker_and_its_code_verifies_the_address()
            throws Exception {
        String email = "verify-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = register("{\"name\":\"Dewi Lestari\",\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = json(registered).path("id").asString();
        String token = login(email, PASSWORD);
        String admin = admin().token();
        assertThat(brokerProduct()).as("the broker the command side is connected to").containsIgnoringCase("qpid");

        assertThat(post("/api/users/" + id + "/verifications", "{\"channel\":\"EMAIL\"}", token).statusCode()).isEqualTo(202);

        // the embedded SMTP server caught it, which it does only through the broker (without one, codes go to /demo/outbox)
        Pattern code = Pattern.compile("(?:it is you:|code is)\\D{0,20}(\\d{6})");
        String mailbox = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/demo/mailbox?to=" + email, admin).body(), body -> code.matcher(body).find());
        Matcher sent = code.matcher(mailbox);
        assertThat(sent.find()).isTrue();
        assertThat(post("/api/users/" + id + "/verifications/confirmation",
                "{\"channel\":\"EMAIL\",\"code\":\"" + sent.group(1) + "\"}", token).statusCode()).isEqualTo(204);
        assertThat(json(get("/demo/outbox?to=" + email, admin)).size()).as("nothing went around the broker").isZero();
    }

    /** The product the command side's AMQP connection says it reaches. */
    private static String brokerProduct() {
        try (Connection connection = platform().platform().getBean(ConnectionFactory.class).createConnection()) {
            return String.valueOf(connection.getDelegate().getServerProperties().get("product"));
        }
    }

    @Test
    void wrong_passwords_from_one_address_do_not_lock_the_administrator_out_at_another() throws Exception {
        Client attacker = Client.at("127.0.0.2");
        for (int attempt = 0; attempt < 8; attempt++) {
            int status = attacker.login(StorefrontLauncher.DEMO_ADMIN_EMAIL, "guess-" + attempt).statusCode();
            assertThat(status).isIn(401, 429);
        }
        problem(attacker.login(StorefrontLauncher.DEMO_ADMIN_EMAIL, "guess-again"), 429);

        assertThat(admin().token()).isNotBlank();
    }

    @Test
    void a_password_guesser_waits_longer_after_every_wrong_guess() throws Exception {
        String email = registered();
        Client guesser = Client.at("127.0.0.3");
        for (int attempt = 0; attempt < 3; attempt++) {
            problem(guesser.login(email, "guess-" + attempt), 401);
        }
        List<Long> waits = new ArrayList<>();
        for (int attempt = 3; attempt < 6; attempt++) {
            long wait = retryAfter(guesser.login(email, PASSWORD));
            waits.add(wait);
            Thread.sleep(Duration.ofSeconds(wait).plusMillis(200));
            problem(guesser.login(email, "guess-" + attempt), 401);
        }
        assertThat(waits).as("Retry-After of each throttled attempt").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_client_sent_x_forwarded_for_does_not_make_one_guesser_look_like_many() throws Exception {
        String email = registered();
        Client guesser = Client.at("127.0.0.4");
        for (int attempt = 0; attempt < 3; attempt++) {
            problem(guesser.login(email, "guess-" + attempt, "198.51.100." + attempt), 401);
        }
        retryAfter(guesser.login(email, "guess-3", "198.51.100.3"));
        // posing as the owner's address does not throttle the owner either
        retryAfter(guesser.login(email, "guess-4", "127.0.0.1"));
        assertThat(login(email, PASSWORD)).isNotBlank();
    }

    @Test
    void an_address_trying_password_after_password_across_many_accounts_is_stopped() throws Exception {
        Client stuffer = Client.at("127.0.0.5");
        for (int account = 0; account < 10; account++) {
            String leaked = "leaked-" + UUID.randomUUID() + "@example.com";
            for (int attempt = 0; attempt < 3; attempt++) {
                problem(stuffer.login(leaked, "leaked-password-" + attempt), 401);
            }
        }
        String email = registered();
        retryAfter(stuffer.login(email, PASSWORD));
        assertThat(login(email, PASSWORD)).isNotBlank();
    }

    @Test
    void changing_the_phone_number_does_not_buy_a_second_text_within_a_minute() throws Exception {
        Shopfront.Caller customer = customer();
        changePhone(customer, phoneNumber());
        assertThat(requestPhoneCode(customer).statusCode()).isEqualTo(202);
        for (int change = 0; change < 3; change++) {
            String phone = phoneNumber();
            changePhone(customer, phone);
            retryAfter(requestPhoneCode(customer));
            assertThat(texts(phone)).isZero();
        }
    }

    @Test
    void a_phone_number_gets_no_second_text_within_a_minute_through_another_account() throws Exception {
        String phone = phoneNumber();
        Shopfront.Caller first = customer();
        Shopfront.Caller second = customer();
        changePhone(first, phone);
        changePhone(second, phone);
        assertThat(requestPhoneCode(first).statusCode()).isEqualTo(202);
        retryAfter(requestPhoneCode(second));
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(phone) == 1);
    }

    @Test
    void registering_a_taken_email_answers_as_a_new_registration_does_and_tells_the_owner() throws Exception {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> fresh = register("{\"name\":\"Dewi Lestari\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        HttpResponse<String> taken = register("{\"name\":\"Mallory\",\"email\":\"" + email.toUpperCase()
                + "\",\"password\":\"another password\"}");

        assertThat(taken.statusCode()).isEqualTo(fresh.statusCode()).isEqualTo(201);
        assertThat(taken.headers().firstValue("Content-Type")).isEqualTo(fresh.headers().firstValue("Content-Type"));
        assertThat(taken.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).matches(".*/api/users/[0-9a-f-]{36}"));
        assertThat(fieldsOf(json(taken))).isEqualTo(fieldsOf(json(fresh))).containsExactly("id");
        assertThat(json(taken).path("id").asString()).isNotEqualTo(json(fresh).path("id").asString());
        // the account is untouched: its password still opens it, the other one does not
        assertThat(login(email, PASSWORD)).isNotBlank();
        problem(post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"another password\"}", null), 401);
        String admin = admin().token();
        await().atMost(Duration.ofSeconds(30)).until(() -> (get("/demo/mailbox?to=" + email, admin).body()
                + get("/demo/outbox?to=" + email, admin).body()).contains("tried to register with your email address"));
    }

    @Test
    void a_registration_without_a_name_is_refused_naming_the_field() throws Exception {
        String email = "nameless-" + UUID.randomUUID() + "@example.com";
        JsonNode refusal = problem(register("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"), 400);
        assertThat(refusal.path("errors").findValuesAsString("field")).containsExactly("name");
        problem(post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null), 401);
    }

    /** A customer registered through the gateway; the email. */
    private static String registered() throws Exception {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        assertThat(register("{\"name\":\"Dewi Lestari\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(201);
        return email;
    }

    private static HttpResponse<String> register(String json) throws Exception {
        return post("/api/auth/register", json, null);
    }

    private static List<String> fieldsOf(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    /** Asserts a throttled answer, a 429 problem, and gives its Retry-After in seconds. */
    private static long retryAfter(HttpResponse<String> response) {
        problem(response, 429);
        long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(seconds).isPositive();
        return seconds;
    }

    private static void changePhone(Shopfront.Caller customer, String phone) throws Exception {
        HttpResponse<String> changed = send("PUT", "/api/users/" + customer.id() + "/profile",
                "{\"name\":\"Dewi Lestari\",\"phone\":\"" + phone + "\"}", customer.token());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
    }

    private static HttpResponse<String> requestPhoneCode(Shopfront.Caller customer) throws Exception {
        return post("/api/users/" + customer.id() + "/verifications", "{\"channel\":\"PHONE\"}", customer.token());
    }

    /** Texts the demo outbox holds for the number. */
    private static int texts(String phone) throws Exception {
        return json(get("/demo/outbox?to=" + phone.replace("+", "%2B"), admin().token())).size();
    }

    private static String phoneNumber() {
        return "+62812" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
    }

    /** A caller connecting from a loopback address of its own, as another machine on the internet would. */
    private record Client(HttpClient http) {

        static Client at(String address) throws Exception {
            return new Client(HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build());
        }

        HttpResponse<String> login(String email, String password) throws Exception {
            return login(email, password, null);
        }

        /** With an {@code X-Forwarded-For} of the client's making, when given. */
        HttpResponse<String> login(String email, String password, String forwardedFor) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + platform().port() + "/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
