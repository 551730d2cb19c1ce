package io.callstream.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.NumberMention;
import io.callstream.avro.QaExchange;
import io.callstream.avro.TopicTag;
import io.callstream.schemas.versions.LatestVersions;
import io.callstream.sink.jdbc.JsonColumns;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rows that {@code CallStore.write} inserts or updates for records written in batches of a given size into
 * empty tables, worked out the way its SQL decides (within a batch one record per key, the highest version; a turn,
 * an exchange only at a version at least the stored one; an alert once; a turn's topics and numbers replaced along
 * with it). The benchmark counts rows with it rather than in the database, where neither store keeps a count of
 * upserts per table that another connection can read; the tables' row counts after each iteration check it.
 *
 * <p>It also gives each of those rows as the baseline writes it: the text the row carries, in one column.
 */
final class StoreRows {

    static final List<String> TABLES = List.of("calls", "turns", "turn_topics", "turn_numbers", "exchanges", "alerts");

    /** A row as the baseline inserts it: no key, the row's text in {@code payload}. */
    record Row(String table, String callId, long a, long b, String payload) {
    }

    private final Map<String, Integer> turnVersions = new HashMap<>();
    /** Topics and numbers stored per turn key. */
    private final Map<String, int[]> turnChildren = new HashMap<>();
    private final Map<String, Integer> exchangeVersions = new HashMap<>();
    private final Set<String> alerts = new HashSet<>();
    private final Set<String> calls = new HashSet<>();
    private final Map<String, Long> written = new TreeMap<>();
    private final List<Row> rows = new ArrayList<>();
    private long deleted;

    private StoreRows() {
    }

    static StoreRows of(List<? extends SpecificRecord> records, int batchSize) {
        StoreRows model = new StoreRows();
        for (int from = 0; from < records.size(); from += batchSize) {
            model.batch(records.subList(from, Math.min(records.size(), from + batchSize)));
        }
        return model;
    }

    private void batch(List<? extends SpecificRecord> batch) {
        Map<String, CallEvent> callEvents = new LinkedHashMap<>();
        // As the store's upserts keep them: of equal versions, the last.
        LatestVersions<String, EnrichedTurn> turns =
                LatestVersions.inArrivalOrderLastOfEqualVersions(t -> t.getTurn().getVersion());
        LatestVersions<String, QaExchange> exchanges = LatestVersions.inArrivalOrderLastOfEqualVersions(QaExchange::getVersion);
        Map<String, Alert> batchAlerts = new LinkedHashMap<>();
        for (SpecificRecord r : batch) {
            if (r instanceof EnrichedTurn t) {
                turns.offer(t.getTurn().getCallId() + "/" + t.getTurn().getTurnIndex(), t);
            } else if (r instanceof QaExchange e) {
                exchanges.offer(e.getCallId() + "/" + e.getExchangeIndex(), e);
            } else if (r instanceof Alert a) {
                batchAlerts.putIfAbsent(a.getAlertId(), a);
            } else if (r instanceof CallEvent e
                    && (e.getPayload() instanceof CallStarted || e.getPayload() instanceof CallEnded)) {
                callEvents.put(e.getCallId() + "/" + e.getPayload().getClass().getSimpleName(), e);
            }
        }
        for (CallEvent e : callEvents.values()) {
            calls.add(e.getCallId());
            String payload = e.getPayload() instanceof CallStarted s ? s.getCompany() + " " + s.getTitle()
                    : ((CallEnded) e.getPayload()).getReason();
            add(new Row("calls", e.getCallId(), e.getObservedAt().toEpochMilli(), e.getCallOffsetMs(), payload));
        }
        turns.asMap().forEach(this::turn);
        exchanges.asMap().forEach((key, e) -> {
            Integer stored = exchangeVersions.get(key);
            if (stored == null || e.getVersion() >= stored) {
                exchangeVersions.put(key, e.getVersion());
                add(new Row("exchanges", e.getCallId(), e.getExchangeIndex(), e.getVersion(),
                        JsonColumns.list(e.getQuestionTurns()) + JsonColumns.list(e.getAnswerTurns()) + Objects.toString(e.getAnalyst().getName(), "")));
            }
        });
        for (Alert a : batchAlerts.values()) {
            if (alerts.add(a.getAlertId())) {
                add(new Row("alerts", a.getCallId(), a.getTurnIndex(), a.getCallOffsetMs(),
                        a.getTitle() + a.getExcerpt() + JsonColumns.spans(a.getEvidence()) + JsonColumns.list(a.getTopicIds())));
            }
        }
    }

    private void turn(String key, EnrichedTurn t) {
        Integer stored = turnVersions.get(key);
        int version = t.getTurn().getVersion();
        if (stored != null && version < stored) {
            return;
        }
        String callId = t.getTurn().getCallId();
        int index = t.getTurn().getTurnIndex();
        turnVersions.put(key, version);
        add(new Row("turns", callId, index, version, t.getTurn().getText()));
        int[] before = turnChildren.getOrDefault(key, new int[2]);
        deleted += before[0] + before[1];
        for (TopicTag tag : t.getTopics()) {
            add(new Row("turn_topics", callId, index, version, tag.getTopicId() + tag.getLabel() + JsonColumns.spans(tag.getEvidence())));
        }
        int ordinal = 0;
        for (NumberMention n : t.getNumbers()) {
            add(new Row("turn_numbers", callId, index, ordinal++, n.getSpan().getText() + n.getNormalized()));
        }
        turnChildren.put(key, new int[] {t.getTopics().size(), t.getNumbers().size()});
    }

    private void add(Row row) {
        if (row.payload() == null) {
            row = new Row(row.table(), row.callId(), row.a(), row.b(), "");
        }
        written.merge(row.table(), 1L, Long::sum);
        rows.add(row);
    }

    /** Rows inserted or updated, over all tables. */
    long written() {
        return rows.size();
    }

    /** Rows inserted or updated, per table. */
    Map<String, Long> writtenPerTable() {
        return written;
    }

    /** The topics and numbers of turns deleted because a later version of the turn replaced them. */
    long deleted() {
        return deleted;
    }

    List<Row> rows() {
        return rows;
    }

    /** The row count each table has once every batch is written. */
    Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("calls", (long) calls.size());
        counts.put("turns", (long) turnVersions.size());
        counts.put("turn_topics", turnChildren.values().stream().mapToLong(c -> c[0]).sum());
        counts.put("turn_numbers", turnChildren.values().stream().mapToLong(c -> c[1]).sum());
        counts.put("exchanges", (long) exchangeVersions.size());
        counts.put("alerts", (long) alerts.size());
        return counts;
    }
}
