package io.storefront.command.notification;

import io.storefront.api.notification.NotificationQueued;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The event store as the outbox: each queued message is put on the broker by this tracking processor,
 * whose token moves on only once the broker confirmed it. A broker that is down stops the processor,
 * which tries again with growing pauses; nothing queued is lost. A crash between the confirm and the
 * token publishes the message twice, and the courier sends it once.
 */
@Component
@ProcessingGroup(NotificationDispatch.GROUP)
@ConditionalOnProperty("storefront.notifications.enabled")
class NotificationDispatch {

    static final String GROUP = "notification-dispatch";

    private final NotificationQueue queue;

    NotificationDispatch(NotificationQueue queue) {
        this.queue = queue;
    }

    @EventHandler
    void on(NotificationQueued event) {
        // a verification code was put on the broker by its sender, the only one who had the code
        if (!event.message().kind().isSecurity()) {
            queue.publish(new Envelope(event.notificationId(), event.message(), null));
        }
    }

    /** A publish that failed is tried again, not skipped. */
    @Autowired
    void retryingFailures(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(GROUP, Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing())
                .registerListenerInvocationErrorHandler(GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
