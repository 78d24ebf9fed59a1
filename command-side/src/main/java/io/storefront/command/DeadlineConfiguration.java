package io.storefront.command;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Persistent deadlines: Axon's db-scheduler deadline manager keeps them in PostgreSQL
 * ({@code scheduled_tasks}), so a deadline set before a restart still fires after it. Axon's
 * auto-configuration supplies the tasks and the deadline manager once a {@link Scheduler} exists;
 * the scheduler starts when the application is up and stops with it.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks) {
        return Scheduler.create(dataSource, tasks)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .enableImmediateExecution()
                .build();
    }

    @Bean
    SmartLifecycle deadlineSchedulerLifecycle(Scheduler deadlineScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                deadlineScheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                deadlineScheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
