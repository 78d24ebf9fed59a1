package io.storefront.policy;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How a policy sends a command. An event may arrive twice and outcomes may cross each other, so a
 * refusal (the rule says no, the thing exists already, the order is closed) is a normal answer: it is
 * logged and the policy moves on. Anything else propagates, and the event is handled again later.
 */
@Component
public class PolicyCommands {

    private static final Logger log = LoggerFactory.getLogger(PolicyCommands.class);

    private final CommandGateway commands;

    PolicyCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /** Sends the command and waits for it to be handled or refused. */
    public void send(Object command) {
        send(command, () -> log.info("{} is for something that does not exist", name(command)));
    }

    /**
     * As {@link #send(Object)}, but runs {@code ifTargetUnknown} when what the command is for does not
     * exist. A second creation is refused by the aggregate itself (a Conflict): inside a policy the
     * events are appended only when the policy's own transaction commits, too late to catch here.
     */
    public void send(Object command, Runnable ifTargetUnknown) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            ifTargetUnknown.run();
        } catch (AxonNonTransientException refused) {
            log.info("{} refused: {}", name(command), refused.getMessage());
        }
    }

    private static String name(Object command) {
        return command.getClass().getSimpleName();
    }
}
