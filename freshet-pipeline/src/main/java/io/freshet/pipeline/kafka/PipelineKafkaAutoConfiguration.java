package io.freshet.pipeline.kafka;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.DeadLetterHeaders;
import io.freshet.contract.failure.PoisonEventException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The failure semantics every service shares: a poison record goes to {@code <topic>.dlq} with its
 * reason; a transient failure is retried with growing backoff for as long as it lasts (the partition
 * waits, nothing is dead-lettered); anything unexpected gets a few attempts, then the dead-letter topic.
 * Either way the consumer carries on with the next record.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties({PipelineKafkaProperties.class, PipelineHealthProperties.class})
public class PipelineKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PipelineKafkaAutoConfiguration.class);

    /** Records dead-lettered by this service, tagged {@code topic} (where it came from) and {@code exception}. */
    public static final String DEAD_LETTERS_METRIC = "freshet.dead.letters";

    @Bean
    @ConditionalOnMissingBean
    DefaultErrorHandler pipelineErrorHandler(KafkaTemplate<Object, Object> template, PipelineKafkaProperties properties,
                                             ObjectProvider<MeterRegistry> meters) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setHeadersFunction((record, failure) -> {
            Throwable explanation = FailureClassifier.explanation(failure);
            var headers = new RecordHeaders();
            headers.add(DeadLetterHeaders.REASON, bytes(String.valueOf(explanation.getMessage())));
            headers.add(DeadLetterHeaders.EXCEPTION, bytes(explanation.getClass().getName()));
            return headers;
        });

        // Logged after the dead-letter topic has the record: an operator sees which record left the stream and why.
        MeterRegistry registry = meters.getIfAvailable();
        ConsumerRecordRecoverer loggingRecoverer = (record, failure) -> {
            recoverer.accept(record, failure);
            if (registry != null) {
                // The dashboard's dead-letter rate, per topic the record left and the kind of failure (bounded: a class).
                registry.counter(DEAD_LETTERS_METRIC, "topic", record.topic(),
                        "exception", FailureClassifier.explanation(failure).getClass().getSimpleName()).increment();
            }
            log.warn("dead-lettered {}-{}@{} key={} to {}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), Topics.deadLetter(record.topic()), FailureClassifier.explanation(failure).getMessage());
        };
        var handler = new DefaultErrorHandler(loggingRecoverer,
                new FixedBackOff(1_000L, properties.unexpectedAttempts() - 1L));
        handler.addNotRetryableExceptions(PoisonEventException.class);
        handler.setBackOffFunction((record, failure) -> {
            if (!FailureClassifier.isTransient(failure)) {
                return null;
            }
            var backOff = new ExponentialBackOff(properties.transientRetryStart().toMillis(), 2.0);
            backOff.setMaxInterval(properties.transientRetryMax().toMillis());
            return backOff; // no max elapsed time: wait for the dependency, never dead-letter
        });
        return handler;
    }

    /** Boot's listener container factory takes a unique RecordInterceptor bean: the document id in every log line. */
    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    DocumentLogContext documentLogContext() {
        return new DocumentLogContext();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, String> template, EventCodec codec, PipelineKafkaProperties properties) {
        return new EventPublisher(template, codec, properties.maxMessageBytes(), properties.publishTimeout());
    }

    /**
     * Every topic keyed by document id with the same partition count (index-service relies on EMBEDDED and STATUS
     * being co-partitioned). CHANGES and INDEXED are compacted: the latest event per document is what matters; so is
     * FEEDBACK, per answer.
     */
    @Bean
    KafkaAdmin.NewTopics pipelineTopics(PipelineKafkaProperties properties) {
        String maxBytes = String.valueOf(properties.maxMessageBytes());
        var topics = new ArrayList<NewTopic>();
        for (String name : List.of(Topics.CHANGES, Topics.REPLAY, Topics.EXTRACTED, Topics.EMBEDDED, Topics.STATUS,
                Topics.INDEXED, Topics.FEEDBACK)) {
            TopicBuilder topic = TopicBuilder.name(name)
                    .partitions(properties.partitions()).replicas(properties.replicationFactor())
                    .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes);
            if (name.equals(Topics.CHANGES) || name.equals(Topics.INDEXED) || name.equals(Topics.FEEDBACK)) {
                topic.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            topics.add(topic.build());
        }
        // A handful of records, read whole by every service: one partition keeps them in order.
        topics.add(TopicBuilder.name(Topics.MODELS).partitions(1).replicas(properties.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build());
        for (String name : List.of(Topics.CHANGES, Topics.REPLAY, Topics.EXTRACTED, Topics.EMBEDDED, Topics.STATUS)) {
            topics.add(TopicBuilder.name(Topics.deadLetter(name))
                    .partitions(1).replicas(properties.replicationFactor())
                    .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** The health checks' AdminClient, shared; it connects on the first check. */
    @Bean
    KafkaHealthClient kafkaHealthClient(KafkaAdmin admin) {
        return new KafkaHealthClient(admin);
    }

    /** management.health.kafka.enabled=false leaves Kafka out of health where a service can serve without it. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaHealthClient client) {
        return new KafkaHealthIndicator(client);
    }

    /** The stages behind this service in its health, where its application.yml names them. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("pipeline")
    @Conditional(UpstreamGroupsNamed.class)
    PipelineHealthIndicator pipelineHealthIndicator(KafkaHealthClient client, PipelineHealthProperties properties) {
        return new PipelineHealthIndicator(client, properties, java.time.Clock.systemUTC());
    }

    /** freshet.pipeline-health.upstream-groups names a group (as a list or a comma-separated value). */
    static final class UpstreamGroupsNamed implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("freshet.pipeline-health.upstream-groups", Bindable.listOf(String.class))
                    .map(groups -> !groups.isEmpty()).orElse(false);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
