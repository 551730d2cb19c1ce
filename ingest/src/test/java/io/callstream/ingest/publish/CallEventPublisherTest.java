package io.callstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.TranscriptLine;
import io.callstream.schemas.limits.RecordLimits;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class CallEventPublisherTest {

    private static final Instant START = Instant.parse("2021-05-04T13:00:00Z");
    private static final Serializer<CallEvent> UNUSED = (topic, event) -> new byte[0];

    private static List<CallEvent> call(int events) {
        return IntStream.range(0, events).mapToObj(i -> CallEvent.newBuilder().setCallId("c")
                .setCallOffsetMs(i * 1000L).setObservedAt(START.plusSeconds(i))
                .setPayload(CallEnded.newBuilder().setLineCount(i).build()).build()).toList();
    }

    @Test
    void keysByCallAndStampsEachRecordWithItsObservedTime() throws Exception {
        MockProducer<String, CallEvent> producer = new MockProducer<>(true, null, new StringSerializer(), UNUSED);

        new CallEventPublisher(producer, "call-events").publishCall(call(3), Pace.MAX, e -> { });

        assertThat(producer.history()).extracting(ProducerRecord::key).containsOnly("c");
        assertThat(producer.history()).extracting(ProducerRecord::timestamp)
                .containsExactly(START.toEpochMilli(), START.toEpochMilli() + 1000, START.toEpochMilli() + 2000);
    }

    @Test
    void sendsNoEventThatBreaksTheTextRuleAndGoesOnWithTheRestOfTheCall() throws Exception {
        MockProducer<String, CallEvent> producer = new MockProducer<>(true, null, new StringSerializer(), UNUSED);
        List<CallEvent> call = List.of(line(0, "Good morning."), line(1, "Hello\0world"),
                line(2, "x".repeat(RecordLimits.MAX_LINE_TEXT_BYTES + 1)), line(3, "<script>alert(1)</script>"));

        List<RefusedEvent> refused = new CallEventPublisher(producer, "call-events").publishCall(call, Pace.MAX, e -> { });

        assertThat(producer.history()).extracting(r -> ((TranscriptLine) r.value().getPayload()).getSeq())
                .containsExactly(0L, 3L);
        assertThat(refused).extracting(RefusedEvent::event).containsExactly(call.get(1), call.get(2));
        assertThat(refused.get(0).reason()).contains("control character U+0000");
        assertThat(refused.get(1).reason()).contains("over the limit of " + RecordLimits.MAX_LINE_TEXT_BYTES);
    }

    private static CallEvent line(long seq, String text) {
        return CallEvent.newBuilder().setCallId("c").setCallOffsetMs(seq * 1000).setObservedAt(START.plusSeconds(seq))
                .setPayload(TranscriptLine.newBuilder().setLineId("c-L" + seq).setSeq(seq).setText(text).build())
                .build();
    }

    @Test
    void stopsSendingACallOnceOneOfItsEventsWasLostAndSaysSo() {
        MockProducer<String, CallEvent> producer = new MockProducer<>(true, null, new StringSerializer(), UNUSED) {
            private int sent;

            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, CallEvent> record, Callback callback) {
                if (sent++ == 1) {
                    TimeoutException lost = new TimeoutException("broker gone");
                    callback.onCompletion(null, lost);
                    return CompletableFuture.failedFuture(lost);
                }
                return super.send(record, callback);
            }
        };

        assertThatThrownBy(() -> new CallEventPublisher(producer, "call-events").publishCall(call(5), Pace.MAX, e -> { }))
                .hasMessageContaining("did not take all of the call's events").hasMessageContaining("broker gone");
        assertThat(producer.history()).hasSize(1); // the event after the lost one was never sent
    }
}
