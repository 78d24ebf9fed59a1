package io.storefront.launcher.abuse;

import io.storefront.launcher.StorefrontLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static io.storefront.launcher.abuse.Shopfront.KOPI_TORAJA;
import static io.storefront.launcher.abuse.Shopfront.customer;
import static io.storefront.launcher.abuse.Shopfront.json;
import static io.storefront.launcher.abuse.Shopfront.platform;
import static io.storefront.launcher.abuse.Shopfront.post;
import static io.storefront.launcher.abuse.Shopfront.problem;
import static io.storefront.launcher.abuse.Shopfront.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The perimeter of the embedded default: the gateway is the one way in. The command and query sides, and
 * every actuator, listen on this machine's loopback interface only; a side reached on it anyway checks the
 * caller's session itself; and the sandbox payment provider takes back only the tokens it made.
 */
@ExtendWith(Shopfront.StopsThePlatform.class)
class PerimeterAbuseTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_sides_and_the_actuators_are_not_reachable_from_another_machine_only_the_gateway_is() throws Exception {
        StorefrontLauncher launcher = platform();
        List<Integer> inside = List.of(apiPort(launcher.platform()), managementPort(launcher.platform()),
                apiPort(launcher.querySide()), managementPort(launcher.querySide()),
                URI.create(launcher.managementUrl()).getPort());
        for (ConfigurableApplicationContext side : List.of(launcher.platform(), launcher.querySide())) {
            assertThat(side.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(side.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
        }
        // from this machine's other addresses, as another machine of its network would knock
        for (InetAddress address : nonLoopbackAddresses()) {
            assertThat(opens(address, launcher.port())).as("the gateway on %s", address).isTrue();
            for (int port : inside) {
                assertThat(opens(address, port)).as("port %d on %s", port, address).isFalse();
            }
        }
    }

    @Test
    void a_logged_out_token_is_refused_by_the_command_side_and_the_query_side_called_directly() throws Exception {
        Shopfront.Caller customer = customer();
        String commandSide = "http://127.0.0.1:" + apiPort(platform().platform());
        String querySide = "http://127.0.0.1:" + apiPort(platform().querySide());
        // the control: before the logout both sides take the token
        assertThat(direct(commandSide + "/api/auth/sessions", customer.token()).statusCode()).isEqualTo(200);
        assertThat(direct(querySide + "/api/orders", customer.token()).statusCode()).isEqualTo(200);

        assertThat(post("/api/auth/logout", null, customer.token()).statusCode()).isEqualTo(204);

        problem(direct(commandSide + "/api/auth/sessions", customer.token()), 401);
        problem(direct(querySide + "/api/orders", customer.token()), 401);
        problem(direct(querySide + "/api/users/" + customer.id(), customer.token()), 401);
    }

    @Test
    void the_sides_prometheus_scrape_with_revenue_is_not_served_on_their_api_or_through_the_gateway() throws Exception {
        StorefrontLauncher launcher = platform();
        for (ConfigurableApplicationContext side : List.of(launcher.platform(), launcher.querySide())) {
            HttpResponse<String> onTheApi = direct("http://127.0.0.1:" + apiPort(side) + "/actuator/prometheus", null);
            assertThat(onTheApi.statusCode()).as(onTheApi.body()).isEqualTo(404);
            assertThat(onTheApi.body()).doesNotContain("storefront_");
        }
        HttpResponse<String> throughTheGateway = Shopfront.get("/actuator/prometheus", null);
        assertThat(throughTheGateway.statusCode()).isEqualTo(404);
        assertThat(throughTheGateway.body()).doesNotContain("storefront_");
        // where it is served: the management port, on this machine only (the test above), as Prometheus scrapes it
        assertThat(direct(StorefrontLauncher.managementUrlOf(launcher.querySide()) + "/actuator/prometheus", null).body())
                .contains("application=\"query-side\"");
    }

    @Test
    void a_made_up_sandbox_token_is_refused() throws Exception {
        Shopfront.Caller customer = customer();
        HttpResponse<String> placed = post("/api/orders", """
                {"lines":[{"productId":"%s","quantity":1,"unitPrice":{"amount":85000,"currency":"IDR"}}],
                 "shippingAddress":{"recipient":"Dewi Lestari","line1":"Jl. Sudirman 1","city":"Jakarta",
                 "postalCode":"10220","country":"ID"}}""".formatted(KOPI_TORAJA), customer.token());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = json(placed).path("id").asString();

        HttpResponse<String> instructed = send("PUT", "/api/payments/instructions/" + orderId,
                "{\"token\":\"sandbox_ok_" + UUID.randomUUID() + "\"}", customer.token());

        assertThat(problem(instructed, 422).path("detail").asString()).contains("no such token");
    }

    private static int apiPort(ConfigurableApplicationContext side) {
        return Integer.parseInt(side.getEnvironment().getProperty("local.server.port"));
    }

    private static int managementPort(ConfigurableApplicationContext side) {
        return Integer.parseInt(side.getEnvironment().getProperty("local.management.port"));
    }

    private static HttpResponse<String> direct(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every address of this machine's interfaces that is not loopback: where others reach it. */
    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLinkLocalAddress())
                .toList();
    }

    private static boolean opens(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
