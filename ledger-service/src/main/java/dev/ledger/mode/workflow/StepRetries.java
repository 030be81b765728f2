package dev.ledger.mode.workflow;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Date;
import org.flowable.common.engine.impl.interceptor.Command;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.job.service.JobServiceConfiguration;
import org.flowable.job.service.impl.asyncexecutor.FailedJobCommandFactory;
import org.flowable.job.service.impl.persistence.entity.AbstractRuntimeJobEntity;
import org.flowable.job.service.impl.persistence.entity.JobEntity;

/**
 * When a step's job fails (its shard down or frozen, a run of it in flight elsewhere), it is run again after a pause
 * that doubles from {@link #FIRST_PAUSE} up to {@link #LONGEST_PAUSE}: soon after a blip, without a shard that is down
 * for long being asked every second by every transfer in transit. Flowable's own retry cycles are fixed intervals;
 * this takes their place for every job. A job is given up (a dead letter, its transfer left in transit, which the
 * audit reports as overdue) only after {@link #ATTEMPTS} failures: more than a day at the longest pause.
 */
final class StepRetries implements FailedJobCommandFactory {

    /** What a new job is given (the engine's default retries): the count of failures is taken from it. */
    static final int ATTEMPTS = 10_000;
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    /** The pause after the {@code failures}-th failure in a row: 1 s, 2 s, 4 s, 8 s, then 10 s. */
    static Duration pauseAfter(int failures) {
        int doublings = Math.min(failures - 1, 30);
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.max(0, doublings));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable failure) {
        return context -> {
            ProcessEngineConfigurationImpl engine = CommandContextUtil.getProcessEngineConfiguration(context);
            JobServiceConfiguration jobs = engine.getJobServiceConfiguration();
            JobEntity job = jobs.getJobService().findJobById(jobId);
            if (job == null) {
                return null; // completed or moved meanwhile
            }
            // As Flowable's own retry does: the execution waits for the job, not active in between.
            if (job.getExecutionId() != null) {
                ExecutionEntity execution = CommandContextUtil.getExecutionEntityManager(context)
                        .findById(job.getExecutionId());
                if (execution != null) {
                    execution.setActive(false);
                }
            }
            int retriesLeft = job.getRetries() - 1;
            AbstractRuntimeJobEntity next = retriesLeft <= 0 ? jobs.getJobService().moveJobToDeadLetterJob(job)
                    : jobs.getTimerJobService().moveJobToTimerJob(job);
            next.setRetries(retriesLeft);
            Duration pause = pauseAfter(ATTEMPTS - retriesLeft);
            next.setDuedate(new Date(engine.getClock().getCurrentTime().getTime() + pause.toMillis()));
            if (failure != null) {
                next.setExceptionMessage(failure.getMessage());
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                next.setExceptionStacktrace(trace.toString());
            }
            return null;
        };
    }
}
