package io.storefront.query.analytics;

import io.storefront.query.BadQuery;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Sales KPIs for administrators: of one day ({@code day}, UTC) or of an hour range ({@code from},
 * {@code to}), optionally of one currency. Without either, today.
 */
@RestController
@RequestMapping("/api/admin/analytics")
class AnalyticsController {

    private static final Duration LONGEST = Duration.ofDays(92);

    private final SalesKpis kpis;

    AnalyticsController(SalesKpis kpis) {
        this.kpis = kpis;
    }

    @GetMapping
    SalesKpis.Report report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                            @RequestParam(required = false) @Pattern(regexp = "[A-Z]{3}") String currency) {
        if (day != null && (from != null || to != null)) {
            throw new BadQuery("day", "Ask for a day or for a range, not both");
        }
        Instant start = from != null ? from : (day != null ? day : LocalDate.now(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to != null ? to : start.plus(Duration.ofDays(1));
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new BadQuery("to", "The range must end after it starts and span at most 92 days");
        }
        return kpis.report(start, end, currency);
    }
}
