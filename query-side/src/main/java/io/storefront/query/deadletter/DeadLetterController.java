package io.storefront.query.deadletter;

import io.storefront.api.store.DeadLetterAdmin;
import io.storefront.query.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: the events a projection set aside, and handling them again once what made them fail is mended. */
@RestController
@RequestMapping("/api/admin/projections/{projection}/dead-letters")
class DeadLetterController {

    private final DeadLetterAdmin deadLetters;

    DeadLetterController(DeadLetterAdmin deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    DeadLetterAdmin.Letters letters(@PathVariable String projection) {
        return deadLetters.letters(projection).orElseThrow(() -> new NotFound("projection", projection));
    }

    @PostMapping("/retry")
    DeadLetterAdmin.Retry retry(@PathVariable String projection) {
        return deadLetters.retry(projection).orElseThrow(() -> new NotFound("projection", projection));
    }
}
