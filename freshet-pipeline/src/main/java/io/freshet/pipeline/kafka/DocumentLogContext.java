package io.freshet.pipeline.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the id of the document a record is about in the logging context ({@value #KEY}) while a listener handles it, so
 * every line logged meanwhile names the document: a JSON log carries it as a field next to the trace id, and an
 * operator finds a document's whole path through the services with one filter. The pipeline's records are keyed by
 * document id.
 */
public final class DocumentLogContext implements RecordInterceptor<Object, Object> {

    /** The logging context key, also a field of every structured log line. */
    public static final String KEY = "documentId";

    /** For code that handles several documents in one call (a batch listener): the id in the context until closed. */
    public static MDC.MDCCloseable open(String documentId) {
        return MDC.putCloseable(KEY, documentId);
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        if (record.key() != null) {
            MDC.put(KEY, String.valueOf(record.key()));
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        MDC.remove(KEY);
    }

    /** Also after a failure and its error handling: the next record's lines must not name this document. */
    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        MDC.remove(KEY);
    }
}
