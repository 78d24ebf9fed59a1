package io.storefront.policy;

import io.storefront.api.store.DeadLetterAdmin;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: the events a policy set aside, and handling them again once what made them fail is mended. */
@RestController
@RequestMapping("/api/admin/policies/{policy}/dead-letters")
class PolicyDeadLetterController {

    private final DeadLetterAdmin deadLetters;

    PolicyDeadLetterController(DeadLetterAdmin deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    DeadLetterAdmin.Letters letters(@PathVariable String policy) {
        return deadLetters.letters(policy).orElseThrow(() -> unknown(policy));
    }

    @PostMapping("/retry")
    DeadLetterAdmin.Retry retry(@PathVariable String policy) {
        return deadLetters.retry(policy).orElseThrow(() -> unknown(policy));
    }

    private static AggregateNotFoundException unknown(String policy) {
        return new AggregateNotFoundException(policy, "No policy of that name runs here");
    }
}
