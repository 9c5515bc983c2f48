package io.freshet.infra;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code ./freshet dlq list|show|replay}: the records the services rejected, why, and publishing one again to the
 * topic it came from ({@link DeadLetterRequest#USAGE}). Exit codes: 0 done, 1 it could not be done (no broker, no
 * such record, a record that must not be replayed), 2 wrong arguments.
 */
public final class DeadLetterCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final DeadLetterRequest request;
    private final BrokerClients clients;
    private final PrintStream out;
    private final DeadLetterText text = new DeadLetterText(ZoneId.systemDefault());
    private final Clock clock;

    private DeadLetterCommand(DeadLetterRequest request, BrokerClients clients, PrintStream out, Clock clock) {
        this.request = request;
        this.clients = clients;
        this.out = out;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), Path.of(System.getProperty("user.dir")), System.out, System.err));
    }

    static int run(List<String> args, Path workingDirectory, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h") || args.isEmpty()) {
            (args.isEmpty() ? err : out).println(DeadLetterRequest.USAGE);
            return args.isEmpty() ? USAGE : OK;
        }
        DeadLetterRequest request;
        try {
            request = DeadLetterRequest.parse(args, workingDirectory);
        } catch (CommandArguments.UsageException e) {
            err.println("freshet dlq: " + e.getMessage());
            err.println(DeadLetterRequest.USAGE);
            return USAGE;
        }
        BrokerClients clients = new BrokerClients(request.bootstrapServers(), Duration.ofSeconds(5));
        try (Admin admin = clients.admin()) {
            return new DeadLetterCommand(request, clients, out, Clock.systemUTC()).execute(admin);
        } catch (CommandArguments.UsageException e) {
            err.println("freshet dlq: " + e.getMessage());
            return USAGE;
        } catch (DeadLetters.NotFound e) {
            err.println("freshet dlq: " + e.getMessage());
            return FAILED;
        } catch (TimeoutException | ExecutionException | org.apache.kafka.common.KafkaException e) {
            err.println("freshet dlq: " + clients.problem(e) + ". Is Freshet running? (./freshet status)");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private int execute(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        DeadLetters deadLetters = new DeadLetters(clients, admin);
        DeadLetterReplay replays = new DeadLetterReplay(clients, admin, clock);
        Set<String> allTopics = ConsumerLag.get(admin.listTopics().names(), clients.timeout());
        Map<String, List<DeadLetters.Span>> spans = deadLetters.spans();
        Map<String, DeadLetterReplay.Entry> journal = replays.journal();
        if (request.action().equals("list")) {
            List<String> topics = request.topic() == null ? List.copyOf(spans.keySet())
                    : List.of(DeadLetterRequest.resolve(request.topic(), spans.keySet(), allTopics));
            return list(deadLetters, topics, spans, journal);
        }
        String topic = DeadLetterRequest.resolve(request.topic(), spans.keySet(), allTopics);
        if (request.all()) {
            return replayAll(deadLetters, replays, topic, spans.get(topic), allTopics, journal);
        }
        DeadLetters.Span span = span(topic, spans.get(topic));
        long offset = request.offset() == DeadLetterRequest.LATEST ? span.end() - 1 : request.offset();
        if (span.records() == 0) {
            throw new DeadLetters.NotFound(topic + " holds no records");
        }
        ConsumerRecord<byte[], byte[]> record = deadLetters.at(span, offset);
        DeadLetterView view = DeadLetterView.of(record);
        if (request.action().equals("show")) {
            text.show(view, DeadLetterReplay.replayOf(view, journal), request.full()).forEach(out::println);
            return OK;
        }
        Optional<String> refusal = DeadLetterReplay.refusal(view, allTopics);
        if (refusal.isPresent()) {
            throw new DeadLetters.NotFound("not replaying " + view.address() + ": " + refusal.get());
        }
        Optional<DeadLetterText.Replay> before = DeadLetterReplay.replayOf(view, journal);
        before.ifPresent(r -> out.println("Note: " + view.address() + " was replayed before, at " + text.time(r.at()) + " to "
                + r.to() + "; replaying it again."));
        try (KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            replay(replays, record, view, producer);
        }
        afterReplay(1);
        return OK;
    }

    private int list(DeadLetters deadLetters, List<String> topics, Map<String, List<DeadLetters.Span>> spans,
                     Map<String, DeadLetterReplay.Entry> journal) {
        if (topics.isEmpty()) {
            out.println("No dead-letter topics on " + clients.bootstrapServers() + " yet (the services create them at "
                    + "start-up): nothing was rejected.");
            return OK;
        }
        out.println("Dead letters on " + clients.bootstrapServers() + ", newest first. One in full: ./freshet dlq show "
                + "TOPIC OFFSET; publish again: ./freshet dlq replay TOPIC --offset OFFSET");
        List<String> empty = new ArrayList<>();
        for (String topic : topics) {
            List<DeadLetters.Span> ofTopic = spans.get(topic);
            if (DeadLetters.records(ofTopic) == 0) {
                empty.add(topic);
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> newest = deadLetters.newest(ofTopic, request.limit());
            out.println();
            out.println(text.topicLine(topic, DeadLetters.records(ofTopic), newest.size()));
            boolean partitioned = ofTopic.size() > 1;
            out.println(text.columns(partitioned));
            for (ConsumerRecord<byte[], byte[]> record : newest) {
                DeadLetterView view = DeadLetterView.of(record);
                out.println(text.listLine(view, partitioned, DeadLetterReplay.replayOf(view, journal)));
            }
        }
        if (!empty.isEmpty()) {
            out.println();
            out.println("No records in " + String.join(", ", empty) + ".");
        }
        return OK;
    }

    private int replayAll(DeadLetters deadLetters, DeadLetterReplay replays, String topic, List<DeadLetters.Span> spans,
                          Set<String> allTopics, Map<String, DeadLetterReplay.Entry> journal)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConsumerRecord<byte[], byte[]>> records = deadLetters.all(spans);
        if (records.isEmpty()) {
            out.println(topic + " holds no records: nothing to replay.");
            return OK;
        }
        int replayed = 0;
        List<String> skipped = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = request.dryRun() ? null : clients.producer()) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                DeadLetterView view = DeadLetterView.of(record);
                Optional<DeadLetterText.Replay> before = DeadLetterReplay.replayOf(view, journal);
                Optional<String> refusal = DeadLetterReplay.refusal(view, allTopics);
                if (before.isPresent()) {
                    skipped.add(view.address() + " (replayed " + text.time(before.get().at()) + ")");
                } else if (refusal.isPresent()) {
                    refused.add(view.address() + ": " + refusal.get());
                } else {
                    replay(replays, record, view, producer);
                    replayed++;
                }
            }
        }
        out.println((request.dryRun() ? "Would replay " : "Replayed ") + replayed + " of " + records.size()
                + " records of " + topic + ".");
        if (!skipped.isEmpty()) {
            out.println("Skipped " + skipped.size() + " replayed before (one again: ./freshet dlq replay " + topic
                    + " --offset N): " + String.join(", ", skipped));
        }
        refused.forEach(reason -> out.println("Refused " + reason));
        afterReplay(replayed);
        return refused.isEmpty() ? OK : FAILED;
    }

    private void replay(DeadLetterReplay replays, ConsumerRecord<byte[], byte[]> record, DeadLetterView view,
                        KafkaProducer<byte[], byte[]> producer) throws InterruptedException, ExecutionException,
            TimeoutException {
        String summary = view.address() + " (key " + DeadLetterView.shorten(view.keyText(), 60) + ", rejected for: "
                + DeadLetterView.shorten(String.valueOf(view.reason()), 80) + ")";
        if (request.dryRun()) {
            out.println("Would replay " + summary + " to " + view.originalTopic());
            return;
        }
        String where = replays.replay(record, view.originalTopic(), producer);
        out.println("Replayed " + summary + " to " + where);
    }

    private void afterReplay(int replayed) {
        if (replayed == 0 || request.dryRun()) {
            return;
        }
        out.println("The dead-letter records stay where they are (the topic is the history of rejections); each replay "
                + "is recorded in " + DeadLetterReplay.JOURNAL + " and on the published record (header "
                + DeadLetterView.REPLAYED_FROM + "). A version older than the document's current one changes nothing. "
                + "Follow it with ./freshet status and ./freshet dlq list.");
    }

    private DeadLetters.Span span(String topic, List<DeadLetters.Span> spans) {
        if (request.partition() != null) {
            return spans.stream().filter(s -> s.partition().partition() == request.partition()).findFirst()
                    .orElseThrow(() -> new DeadLetters.NotFound(topic + " has no partition " + request.partition()
                            + " (it has " + spans.size() + ": 0 to " + (spans.size() - 1) + ")"));
        }
        if (spans.size() != 1) {
            throw new CommandArguments.UsageException(topic + " has " + spans.size() + " partitions: say which with "
                    + "--partition P");
        }
        return spans.get(0);
    }
}
