package io.freshet.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A language model server on 127.0.0.1 that speaks a provider's real wire protocol (OpenAI chat completions,
 * Ollama's /api/chat, Anthropic messages; each whole or streamed) with scripted behaviour: a reply, an HTTP error
 * with headers, a delay, a garbage body. Tests and the benchmark point Spring AI's own clients at it, so what
 * Freshet does with a model is exercised over real HTTP without a model's weights.
 */
public final class FakeChatModel implements AutoCloseable {

    public enum Protocol { OPENAI, OLLAMA, ANTHROPIC }

    /** What the server does with the next request. */
    public sealed interface Behaviour {
    }

    /** Answers {@code text}; streamed in {@code pieces} pieces, {@code interval} apart. */
    public record Reply(String text, int pieces, Duration interval) implements Behaviour {
    }

    /** Answers with this status, headers and body. */
    public record Fail(int status, Map<String, String> headers, String body) implements Behaviour {
    }

    /** Waits {@code delay}, then answers {@code text}. */
    public record Delay(Duration delay, String text) implements Behaviour {
    }

    /** 200 with a body that is not the protocol's JSON. */
    public record Garbage(String body) implements Behaviour {
    }

    public static Reply reply(String text) {
        return new Reply(text, 4, Duration.ZERO);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIRST_SOURCE = Pattern.compile("<source n=\"1\"[^>]*>\\s*(.{1,200}?)(?:[.!?]\\s|\\s*</source>)",
            Pattern.DOTALL);

    private final Protocol protocol;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-chat-model");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final List<Duration> handlingTimes = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch streamCancelled = new CountDownLatch(1);
    private volatile Function<String, String> defaultReply = FakeChatModel::citeFirstSource;

    private FakeChatModel(Protocol protocol, HttpServer server) {
        this.protocol = protocol;
        this.server = server;
    }

    public static FakeChatModel start(Protocol protocol) {
        return start(protocol, 0);
    }

    /**
     * A stand-in model for trying generated answers without one: {@code java -cp freshet-engines.jar:launcher-lib/*
     * io.freshet.infra.FakeChatModel [openai|ollama|anthropic] [PORT]} prints its base URL and serves until killed.
     * Its "answers" only quote source 1: it shows the plumbing, not a model's quality.
     */
    public static void main(String[] args) throws InterruptedException {
        Protocol protocol = args.length > 0 ? Protocol.valueOf(args[0].toUpperCase(java.util.Locale.ROOT)) : Protocol.OPENAI;
        FakeChatModel model = start(protocol, args.length > 1 ? Integer.parseInt(args[1]) : 0);
        System.out.println("Fake " + protocol.name().toLowerCase(java.util.Locale.ROOT) + " chat model at " + model.baseUrl());
        Thread.currentThread().join();
    }

    public static FakeChatModel start(Protocol protocol, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            FakeChatModel model = new FakeChatModel(protocol, server);
            server.createContext("/", model::handle);
            server.setExecutor(model.threads);
            server.start();
            return model;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake chat model", e);
        }
    }

    /** The base URL as the provider's Spring AI property wants it (OpenAI's includes /v1). */
    public String baseUrl() {
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return protocol == Protocol.OPENAI ? root + "/v1" : root;
    }

    public void enqueue(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
    }

    /** What to answer when nothing is scripted, given the user message (default: quote source 1, cite [1]). */
    public void defaultReply(Function<String, String> reply) {
        this.defaultReply = reply;
    }

    public int requestCount() {
        return requestCount.get();
    }

    /**
     * The model's own time per chat request: from its whole request read to its reply's last bytes, taken just before
     * writing them so a caller that has read a reply always finds its time here. In order of completion; none for a
     * stream the client left. The benchmark subtracts it from an answer's latency to get what Freshet adds.
     */
    public List<Duration> handlingTimes() {
        synchronized (handlingTimes) {
            return List.copyOf(handlingTimes);
        }
    }

    /** The request bodies received, oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The user message of the last request. */
    public String lastUserMessage() {
        return requests.isEmpty() ? null : userMessage(requests.get(requests.size() - 1));
    }

    /** True once a client went away in the middle of a streamed reply. */
    public boolean awaitStreamCancelled(Duration timeout) throws InterruptedException {
        return streamCancelled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void resetStreamCancelled() {
        streamCancelled = new CountDownLatch(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            // From the whole request on: waiting for the body is the sender's time (its TCP writes), not the model's.
            long received = System.nanoTime();
            Runnable handled = () -> handlingTimes.add(Duration.ofNanos(System.nanoTime() - received));
            if (!isChatPath(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "application/json", "{\"error\":\"no such path\"}", Map.of());
                return;
            }
            requests.add(body);
            requestCount.incrementAndGet();
            Behaviour behaviour = script.poll();
            if (behaviour == null) {
                behaviour = reply(defaultReply.apply(userMessage(body)));
            }
            boolean stream = body.path("stream").asBoolean(false);
            if (behaviour instanceof Fail fail) {
                handled.run();
                send(exchange, fail.status(), "application/json", fail.body(), fail.headers());
            } else if (behaviour instanceof Garbage garbage) {
                handled.run();
                send(exchange, 200, stream ? "text/event-stream" : "application/json", garbage.body(), Map.of());
            } else if (behaviour instanceof Delay delay) {
                Thread.sleep(delay.delay().toMillis());
                answer(exchange, stream, reply(delay.text()), handled);
            } else {
                answer(exchange, stream, (Reply) behaviour, handled);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isChatPath(String path) {
        return switch (protocol) {
            case OPENAI -> path.endsWith("/chat/completions");
            case OLLAMA -> path.equals("/api/chat");
            case ANTHROPIC -> path.endsWith("/v1/messages");
        };
    }

    private void answer(HttpExchange exchange, boolean stream, Reply reply, Runnable handled)
            throws IOException, InterruptedException {
        if (!stream) {
            String body = whole(reply.text());
            handled.run();
            send(exchange, 200, "application/json", body, Map.of());
            return;
        }
        List<String> pieces = split(reply.text(), Math.max(1, reply.pieces()));
        exchange.getResponseHeaders().set("Content-Type", protocol == Protocol.OLLAMA ? "application/x-ndjson" : "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            List<String> frames = frames(pieces);
            for (int i = 0; i < frames.size(); i++) {
                if (i == frames.size() - 1) {
                    handled.run();
                }
                out.write(frames.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!reply.interval().isZero()) {
                    Thread.sleep(reply.interval().toMillis());
                }
            }
        } catch (IOException clientWentAway) {
            streamCancelled.countDown();
        }
    }

    private String whole(String text) {
        ObjectNode root = JSON.createObjectNode();
        switch (protocol) {
            case OPENAI -> {
                root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_700_000_000L)
                        .put("model", "fake-model");
                ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", text);
                root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
            }
            case OLLAMA -> {
                root.put("model", "fake-model").put("created_at", "2026-12-02T00:00:00Z").put("done", true)
                        .put("done_reason", "stop").put("prompt_eval_count", 100).put("eval_count", 20);
                root.putObject("message").put("role", "assistant").put("content", text);
            }
            case ANTHROPIC -> {
                root.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", "fake-model")
                        .put("stop_reason", "end_turn").putNull("stop_sequence");
                root.putArray("content").addObject().put("type", "text").put("text", text);
                root.putObject("usage").put("input_tokens", 100).put("output_tokens", 20);
            }
        }
        return root.toString();
    }

    private List<String> frames(List<String> pieces) {
        var frames = new ArrayList<String>();
        switch (protocol) {
            case OPENAI -> {
                for (int i = 0; i < pieces.size(); i++) {
                    ObjectNode chunk = openAiChunk();
                    ObjectNode delta = ((ObjectNode) chunk.path("choices").get(0)).putObject("delta").put("content", pieces.get(i));
                    if (i == 0) {
                        delta.put("role", "assistant");
                    }
                    frames.add("data: " + chunk + "\n\n");
                }
                ObjectNode last = openAiChunk();
                ((ObjectNode) last.path("choices").get(0)).put("finish_reason", "stop").putObject("delta");
                frames.add("data: " + last + "\n\n");
                frames.add("data: [DONE]\n\n");
            }
            case OLLAMA -> {
                for (String piece : pieces) {
                    ObjectNode line = JSON.createObjectNode().put("model", "fake-model")
                            .put("created_at", "2026-12-02T00:00:00Z").put("done", false);
                    line.putObject("message").put("role", "assistant").put("content", piece);
                    frames.add(line + "\n");
                }
                ObjectNode done = JSON.createObjectNode().put("model", "fake-model").put("created_at", "2026-12-02T00:00:00Z")
                        .put("done", true).put("done_reason", "stop").put("prompt_eval_count", 100).put("eval_count", 20);
                done.putObject("message").put("role", "assistant").put("content", "");
                frames.add(done + "\n");
            }
            case ANTHROPIC -> {
                ObjectNode start = JSON.createObjectNode().put("type", "message_start");
                ObjectNode message = start.putObject("message").put("id", "msg_fake").put("type", "message")
                        .put("role", "assistant").put("model", "fake-model").putNull("stop_reason").putNull("stop_sequence");
                message.putArray("content");
                message.putObject("usage").put("input_tokens", 100).put("output_tokens", 1);
                frames.add(event("message_start", start));
                ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
                blockStart.putObject("content_block").put("type", "text").put("text", "");
                frames.add(event("content_block_start", blockStart));
                for (String piece : pieces) {
                    ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
                    delta.putObject("delta").put("type", "text_delta").put("text", piece);
                    frames.add(event("content_block_delta", delta));
                }
                frames.add(event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0)));
                ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
                messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
                messageDelta.putObject("usage").put("output_tokens", 20);
                frames.add(event("message_delta", messageDelta));
                frames.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
            }
        }
        return frames;
    }

    private static ObjectNode openAiChunk() {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "fake-model");
        chunk.putArray("choices").addObject().put("index", 0).putNull("finish_reason");
        return chunk;
    }

    private static String event(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    /** {@code text} in about {@code n} pieces, cut between words so markers like "[1]" arrive whole or split. */
    static List<String> split(String text, int n) {
        var pieces = new ArrayList<String>();
        int size = Math.max(1, (text.length() + n - 1) / n);
        for (int i = 0; i < text.length(); i += size) {
            pieces.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        if (pieces.isEmpty()) {
            pieces.add("");
        }
        return pieces;
    }

    /** The last user message's text, whatever shape the protocol gives its content. */
    static String userMessage(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                return text(message.path("content"));
            }
        }
        return "";
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        var text = new StringBuilder();
        if (content instanceof ArrayNode parts) {
            parts.forEach(part -> text.append(part.path("text").asText("")));
        }
        return text.toString();
    }

    /** A grounded default: the first sentence of source 1, cited. */
    static String citeFirstSource(String userMessage) {
        Matcher first = FIRST_SOURCE.matcher(userMessage);
        return first.find() ? "According to the documents, " + first.group(1).strip() + " [1]." : "The sources do not cover this.";
    }

    private static void send(HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
