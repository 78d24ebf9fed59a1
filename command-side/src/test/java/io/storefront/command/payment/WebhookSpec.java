package io.storefront.command.payment;

import io.storefront.command.CommandSideTest;
import io.storefront.command.StoredEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A provider's webhook spec: the command side with that provider (set by the subclass), an admin to
 * request payments, the event store to read, and the port a provider would post to.
 */
@CommandSideTest
abstract class WebhookSpec {

    @Autowired
    RestTestClient admin;

    @Autowired
    StoredEvents stored;

    @LocalServerPort
    int port;
}
