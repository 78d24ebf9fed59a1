package io.storefront.query.analytics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** On the instance that runs the analytics consumer: build the KPIs again from the change topics' beginning. */
@RestController
@ConditionalOnProperty("storefront.analytics.enabled")
class AnalyticsRebuildController {

    private final SalesAnalytics analytics;

    AnalyticsRebuildController(SalesAnalytics analytics) {
        this.analytics = analytics;
    }

    /** Accepted at once; the facts fill up again as the consumer reads. */
    @PostMapping("/api/admin/analytics/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void rebuild() {
        analytics.rebuild();
    }
}
