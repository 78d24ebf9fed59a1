package io.storefront.query.replay;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin: rebuild a projection from the events, and follow the rebuild. */
@RestController
@RequestMapping("/api/admin/projections")
class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    @PostMapping("/{projection}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replays.Progress replay(@PathVariable String projection) {
        return replays.replay(projection);
    }

    @GetMapping("/{projection}")
    Replays.Progress progress(@PathVariable String projection) {
        return replays.progress(projection);
    }
}
