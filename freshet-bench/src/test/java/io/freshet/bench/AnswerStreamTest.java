package io.freshet.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerStreamTest {

    @Test
    void eventsEndAtABlankLineWithOrWithoutASpaceAfterTheColon() {
        List<AnswerStream.Event> events = parse("event:token", "data:{\"text\":\"Vit\"}", "", ": keep-alive", "",
                "event: done", "data: {\"a\":1}", "data: {\"b\":2}", "", "data:unnamed", "");

        assertThat(events).containsExactly(new AnswerStream.Event("token", "{\"text\":\"Vit\"}"),
                new AnswerStream.Event("done", "{\"a\":1}\n{\"b\":2}"), new AnswerStream.Event("message", "unnamed"));
    }

    @Test
    void anEventWithoutDataOrNotYetEndedIsNotDispatched() {
        assertThat(parse("event: token", "", "event: done", "data: {}")).isEmpty();
    }

    private static List<AnswerStream.Event> parse(String... lines) {
        AnswerStream.Parser parser = new AnswerStream.Parser();
        List<AnswerStream.Event> events = new ArrayList<>();
        for (String line : lines) {
            AnswerStream.Event event = parser.accept(line);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }
}
