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
 * the scheduler starts when the application is up and stops with it. A task under way when its JVM
 * crashed runs again after the next start, a little later.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks) {
        return Scheduler.create(dataSource, tasks)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .enableImmediateExecution()
                // a task that was running when its JVM died is run again once its heartbeats have stopped for
                // 20 s (db-scheduler's default waits 30 minutes, and a crash leaves the task's deadline or
                // parcel scan that long)
                .heartbeatInterval(Duration.ofSeconds(5))
                .missedHeartbeatsLimit(4)
                // a stop waits this long for running tasks, which the next start runs again
                .shutdownMaxWait(Duration.ofSeconds(10))
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
