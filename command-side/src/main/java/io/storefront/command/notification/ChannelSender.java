package io.storefront.command.notification;

import io.storefront.api.notification.Channel;

/** Hands a rendered message to the provider of one channel: a mail server, an SMS or a push service. */
interface ChannelSender {

    Channel channel();

    /**
     * Sends {@code content} to {@code to}; {@code notificationId} goes along where the provider can
     * deduplicate by it.
     *
     * @throws DeliveryFailed when the provider refused the message or could not be reached
     */
    void send(String notificationId, String to, Rendered content) throws DeliveryFailed;
}
