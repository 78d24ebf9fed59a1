package io.storefront.command.notification;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Only in the embedded demo: shows what would have been sent to customers. */
@Hidden
@RestController
@ConditionalOnProperty("storefront.demo.outbox")
class DemoOutboxController {

    private final DemoOutbox outbox;

    DemoOutboxController(DemoOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/demo/outbox")
    List<DemoOutbox.Message> messages(@RequestParam(required = false) String to) {
        return outbox.messages(to);
    }
}
