package io.storefront.command.notification;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.storefront.api.notification.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Twilio sender against a stub that answers as Twilio's Messages API documents it. */
class TwilioSmsTest {

    @RegisterExtension
    static final WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SID = "AC2f0a1c9e8b7d6c5b4a39281706f5e4d3";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String TO = "+6281234567890";
    private static final String BODY = "Your Storefront verification code is 482913";
    private static final Rendered TEXT = new Rendered(null, BODY, null);

    private final TwilioSms sms = new TwilioSms(new SmsSettings("twilio",
            new SmsSettings.Twilio(twilio.baseUrl(), SID, "auth-token-secret", "+15005550006", null)), Duration.ofMillis(300));

    @Test
    void a_message_is_a_form_posted_to_the_accounts_messages_with_basic_auth() throws DeliveryFailed {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"sid": "SM1f0e8ae6ade43cb3c0ce4525424e404f", "status": "queued", "to": "%s",
                         "from": "+15005550006", "body": "%s", "error_code": null}""".formatted(TO, BODY))));

        sms.send("n-1", TO, TEXT);

        assertThat(sms.channel()).isEqualTo(Channel.SMS);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(SID, "auth-token-secret"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(TO))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", equalTo(BODY)));
    }

    @Test
    void a_messaging_service_sends_instead_of_a_number_when_configured() throws DeliveryFailed {
        TwilioSms viaService = new TwilioSms(new SmsSettings("twilio", new SmsSettings.Twilio(twilio.baseUrl(), SID,
                "auth-token-secret", null, "MG9752274e9e519418a7406176694466fa")), Duration.ofMillis(300));
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201)));

        viaService.send("n-1", TO, TEXT);

        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withFormParam("MessagingServiceSid", equalTo("MG9752274e9e519418a7406176694466fa"))
                .withFormParam("To", equalTo(TO)));
    }

    @Test
    void an_invalid_number_fails_for_good_without_the_number_or_text_in_the_reason() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": 21211, "message": "The 'To' number %s is not a valid phone number.",
                         "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}""".formatted(TO))));

        DeliveryFailed failed = failure();

        assertThat(failed.isPermanent()).isTrue();
        assertThat(failed.getMessage()).isEqualTo("twilio 21211: invalid To number");
    }

    @Test
    void a_failing_twilio_is_tried_again() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(500)));
        DeliveryFailed failed = failure();
        assertThat(failed.isPermanent()).isFalse();
        assertThat(failed.getMessage()).contains("500");
    }

    @Test
    void too_many_requests_are_tried_again() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}")));
        DeliveryFailed failed = failure();
        assertThat(failed.isPermanent()).isFalse();
        assertThat(failed.getMessage()).isEqualTo("twilio HTTP 429 (code 20429)");
    }

    @Test
    void refused_credentials_are_configuration_to_fix_and_tried_again() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}")));
        assertThat(failure().isPermanent()).isFalse();
    }

    @Test
    void a_twilio_too_slow_to_answer_is_tried_again() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withFixedDelay(2000)));
        DeliveryFailed failed = failure();
        assertThat(failed.isPermanent()).isFalse();
        assertThat(failed.getMessage()).doesNotContain(TO, BODY);
    }

    private DeliveryFailed failure() {
        DeliveryFailed failed = catchThrowableOfType(DeliveryFailed.class, () -> sms.send("n-1", TO, TEXT));
        assertThat(failed).isNotNull();
        assertThat(failed.getMessage()).doesNotContain(TO, BODY, "482913");
        return failed;
    }
}
